using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WaApp.ServiceDefaults.Media;

public static class MediaStorageExtensions
{
    /// <summary>The media bucket: options (validated at start), the S3 client and <see cref="MediaStorage"/>.</summary>
    public static IServiceCollection AddMediaStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection(MediaOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MediaOptions>, MediaOptionsValidator>();
        services.AddSingleton<IAmazonS3>(provider => CreateClient(provider.GetRequiredService<IOptions<MediaOptions>>().Value));
        services.AddSingleton<MediaStorage>();
        services.AddSingleton<UploadedMediaIndex>();
        services.AddHostedService<MediaBucketInitializer>();
        return services;
    }

    private static AmazonS3Client CreateClient(MediaOptions options)
    {
        var config = new AmazonS3Config
        {
            Timeout = options.RequestTimeout,
            // Checksums only where S3 requires them: local S3 servers do not understand the SDK's trailing checksums.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.ServiceUrl is { } url)
        {
            config.ServiceURL = url.ToString();
            config.ForcePathStyle = true;
            config.AuthenticationRegion = options.Region ?? "us-east-1";
        }
        else if (options.Region is { Length: > 0 } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return options.AccessKey is { Length: > 0 } accessKey
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, options.SecretKey), config)
            : new AmazonS3Client(config);
    }

    // Before the host serves: a local S3 server starts without buckets. The S3 client is created only when needed, so a
    // host without media settings (no region, no service URL) still starts; media requests then fail and are retried.
    private sealed class MediaBucketInitializer(IServiceProvider services, IOptions<MediaOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            options.Value.CreateBucketIfNotExists ? services.GetRequiredService<MediaStorage>().EnsureBucketAsync(cancellationToken) : Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
