using System.Net;

namespace EppOperator.Epp.ExtProc;

/// <summary>One entry of a subset hint: an exact <c>ip:port</c>, or a bare IP (<see cref="Port"/> 0) matching all its ports.</summary>
internal readonly record struct EndpointSelector(IPAddress Address, int Port)
{
    public bool Matches(IPAddress address, int port) => (Port == 0 || Port == port) && Address.Equals(address);

    /// <summary>Accepts <c>10.0.0.1</c>, <c>10.0.0.1:8000</c>, <c>fd00::1</c> and <c>[fd00::1]:8000</c>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out EndpointSelector selector)
    {
        text = text.Trim();
        selector = default;
        if (text.IsEmpty) return false;
        if (IPAddress.TryParse(text, out var bare) && !text.StartsWith('['))
        {
            selector = new EndpointSelector(bare, 0);
            return true;
        }

        if (!IPEndPoint.TryParse(text, out var endpoint)) return false;
        selector = new EndpointSelector(endpoint.Address, endpoint.Port);
        return true;
    }
}
