namespace EppOperator.Operator.DataPlanes;

/// <summary>Transport security between the data plane and the picker.</summary>
internal enum PickerTls
{
    /// <summary>TLS, verified against the operator CA and the Service's DNS name (managed pickers).</summary>
    Verified,

    /// <summary>TLS without verification: a picker the operator does not manage presents a certificate it cannot vouch for.</summary>
    Unverified,

    /// <summary>h2c: secure serving is off.</summary>
    Plaintext,
}
