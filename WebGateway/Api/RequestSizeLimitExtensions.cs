using Microsoft.AspNetCore.Http.Metadata;

namespace WaApp.WebGateway.Api;

/// <summary>Caps the request body of a group's endpoints; a larger body is refused with 413 while it is read.</summary>
internal static class RequestSizeLimitExtensions
{
    public static RouteGroupBuilder WithRequestSizeLimit(this RouteGroupBuilder group, long maxBytes) =>
        group.WithMetadata(new RequestSizeLimit(maxBytes));

    private sealed record RequestSizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
