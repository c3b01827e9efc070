using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WaApp.ServiceDefaults.Logging;

/// <summary>
/// One logger per category, as Microsoft's own logger factory does. Serilog's factory builds a new logger (with its
/// own caches) on every call, and Orleans and our event streams ask for loggers per grain activation: about 2.8 KB
/// per conversation in a silo holding 100,000 of them.
/// </summary>
internal sealed class CachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, inner.CreateLogger);

    public void AddProvider(ILoggerProvider provider)
    {
        // Loggers handed out before the provider was added would miss it.
        _loggers.Clear();
        inner.AddProvider(provider);
    }

    public void Dispose() => inner.Dispose();

    /// <summary>Wraps the <see cref="ILoggerFactory"/> registered last (Serilog's) in a <see cref="CachingLoggerFactory"/>.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(ILoggerFactory))
            ?? throw new InvalidOperationException("No ILoggerFactory is registered to cache.");
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(provider => new CachingLoggerFactory(Create(provider, registered)));
    }

    private static ILoggerFactory Create(IServiceProvider provider, ServiceDescriptor descriptor) => (ILoggerFactory)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));
}
