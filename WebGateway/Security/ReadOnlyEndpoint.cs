namespace WaApp.WebGateway.Security;

/// <summary>Endpoint metadata: the endpoint only reads, so read-only keys may call it (see <see cref="ApiAccess"/>).</summary>
public sealed class ReadOnlyEndpoint
{
    private static readonly ReadOnlyEndpoint Instance = new();

    private ReadOnlyEndpoint()
    {
    }

    /// <summary>Opens the endpoint to read-only keys; only for endpoints that neither send nor change anything.</summary>
    public static TBuilder AllowReadOnlyKeys<TBuilder>(TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(Instance);
}

/// <summary>The <see cref="ReadOnlyEndpoint"/> convention as an extension of endpoint builders.</summary>
public static class ReadOnlyEndpointExtensions
{
    /// <inheritdoc cref="ReadOnlyEndpoint.AllowReadOnlyKeys{TBuilder}"/>
    public static TBuilder AllowReadOnlyKeys<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => ReadOnlyEndpoint.AllowReadOnlyKeys(builder);
}
