return await EppOperator.Operator.Cli.OperatorCommandLine.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
