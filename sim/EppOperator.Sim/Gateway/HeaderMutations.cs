using System.Globalization;
using Envoy.Config.Core.V3;
using Envoy.Service.ExtProc.V3;
using EppOperator.Epp.ExtProc;
using AppendAction = Envoy.Config.Core.V3.HeaderValueOption.Types.HeaderAppendAction;

namespace EppOperator.Sim.Gateway;

/// <summary>
/// Applies an ext_proc <see cref="HeaderMutation"/> the way Envoy's ext_proc filter does with default mutation
/// rules: <c>append_action</c> when it is not the default, else the deprecated <c>append</c> flag, which ext_proc
/// defaults to false (overwrite); the value comes from <c>raw_value</c> (or <c>value</c> from older servers), never
/// both; <c>:method</c>, <c>:scheme</c>, <c>:authority</c>, <c>host</c> and <c>x-envoy-*</c> are left alone (ignored,
/// not an error), pseudo-headers are never removed; a malformed name or value fails the whole exchange.
/// </summary>
internal static class HeaderMutations
{
    /// <summary>Applies <paramref name="mutation"/>; returns an error for a malformed mutation, else null.
    /// <paramref name="ignored"/> counts the changes the rules did not allow.</summary>
    public static string? Apply(HeaderBlock headers, HeaderMutation? mutation, out int ignored)
    {
        ignored = 0;
        if (mutation is null) return null;
        foreach (var name in mutation.RemoveHeaders)
        {
            if (!IsValidName(name)) return $"remove_headers: '{name}' is not a header name";
            var key = name.ToLowerInvariant();
            if (key.StartsWith(':') || !MayChange(key))
            {
                ignored++;
                continue;
            }

            headers.Remove(key);
        }

        foreach (var option in mutation.SetHeaders)
        {
            if (option.Header is not { } header) continue;
            if (header.Value.Length > 0 && !header.RawValue.IsEmpty) return $"set_headers: '{header.Key}' has both value and raw_value";
            var value = ExtProcHeaders.ValueOf(header);
            if (!IsValidName(header.Key)) return $"set_headers: '{header.Key}' is not a header name";
            if (!IsValidValue(value)) return $"set_headers: the value of '{header.Key}' has a forbidden character";
            var key = header.Key.ToLowerInvariant();
            if (!MayChange(key) || !ValidPseudoValue(key, value))
            {
                ignored++;
                continue;
            }

            var exists = headers.Contains(key);
            switch (option.AppendAction)
            {
                case AppendAction.AppendIfExistsOrAdd:
                    // The default action defers to the deprecated flag, which ext_proc reads as "overwrite".
#pragma warning disable CS0612 // Envoy still honours the deprecated field; so must a faithful stand-in.
                    var append = option.Append is true;
#pragma warning restore CS0612
                    if (append && exists && !key.StartsWith(':')) headers.Add(key, value);
                    else headers.Set(key, value);
                    break;
                case AppendAction.AddIfAbsent:
                    if (!exists) headers.Set(key, value);
                    break;
                case AppendAction.OverwriteIfExistsOrAdd:
                    headers.Set(key, value);
                    break;
                case AppendAction.OverwriteIfExists:
                    if (exists) headers.Set(key, value);
                    break;
                default:
                    return $"set_headers: '{header.Key}' has an unknown append_action {(int)option.AppendAction}";
            }
        }

        return null;
    }

    /// <summary>Headers Envoy's default mutation rules protect because routing or Envoy itself depends on them.</summary>
    private static bool MayChange(string key) =>
        key is not (":method" or ":scheme" or ":authority" or "host") && !key.StartsWith("x-envoy-", StringComparison.Ordinal);

    private static bool ValidPseudoValue(string key, string value) => key switch
    {
        ":status" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 200 and <= 599,
        ":path" => value.Length > 0,
        _ => !key.StartsWith(':'),
    };

    private static bool IsValidName(string name)
    {
        if (name.Length == 0) return false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == ':' && i == 0 && name.Length > 1) continue;
            if (c > 0x7E || c <= 0x20 || "\"(),/:;<=>?@[\\]{}".Contains(c)) return false;
        }

        return true;
    }

    private static bool IsValidValue(string value)
    {
        foreach (var c in value)
        {
            if (c is '\r' or '\n' or '\0') return false;
        }

        return true;
    }
}
