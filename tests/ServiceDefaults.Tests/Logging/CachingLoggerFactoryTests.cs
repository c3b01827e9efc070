using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WaApp.ServiceDefaults.Logging;

namespace WaApp.ServiceDefaults.Tests.Logging;

public sealed class CachingLoggerFactoryTests
{
    [Fact]
    public void The_hosts_hand_out_one_serilog_logger_per_category()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseWaAppSerilog("silo");
        using var host = builder.Build();
        var factory = host.Services.GetRequiredService<ILoggerFactory>();

        var first = factory.CreateLogger("Orleans.Runtime.LogConsistency.ProtocolServices");

        // Grain activations ask for loggers again and again; each must not cost a new logger.
        Assert.Same(first, factory.CreateLogger("Orleans.Runtime.LogConsistency.ProtocolServices"));
        Assert.NotSame(first, factory.CreateLogger("WaApp.Grains.Conversations.ConversationGrain"));
        // Still Serilog behind the cache: its level overrides apply (Orleans logs from Warning on).
        Assert.True(first.IsEnabled(LogLevel.Warning));
        Assert.False(first.IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void Disposing_the_cache_disposes_the_factory_behind_it()
    {
        var inner = new CountingFactory();
        var cache = new CachingLoggerFactory(inner);

        cache.CreateLogger("a");
        cache.CreateLogger("a");
        cache.Dispose();

        Assert.Equal(1, inner.Created);
        Assert.True(inner.Disposed);
    }

    private sealed class CountingFactory : ILoggerFactory
    {
        public int Created { get; private set; }

        public bool Disposed { get; private set; }

        public ILogger CreateLogger(string categoryName)
        {
            Created++;
            return Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        }

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose() => Disposed = true;
    }
}
