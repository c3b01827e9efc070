using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using WaApp.CloudApiSimulator.Control;
using WaApp.CloudApiSimulator.Identities;
using WaApp.CloudApiSimulator.Media;
using WaApp.CloudApiSimulator.Options;
using WaApp.CloudApiSimulator.Sending;
using WaApp.CloudApiSimulator.Templates;
using WaApp.CloudApiSimulator.Webhooks;

namespace WaApp.CloudApiSimulator;

/// <summary>Builds the simulator's web application; used by <c>Program</c> and by in-process tests.</summary>
public static class SimulatorApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddOptions<SimulatorOptions>()
            .Bind(builder.Configuration.GetSection(SimulatorOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        if (builder.Configuration[$"{SimulatorOptions.SectionName}:{nameof(SimulatorOptions.ListenUrl)}"] is { Length: > 0 } listenUrl)
        {
            builder.WebHost.UseUrls(listenUrl);
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RequestJournal>();
        builder.Services.AddSingleton<FaultInjector>();
        builder.Services.AddSingleton<ThroughputLimiter>();
        builder.Services.AddSingleton<ServiceWindows>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<StatusPipeline>();
        builder.Services.AddSingleton<MessagesEndpoint>();
        builder.Services.AddSingleton<InboundEndpoint>();
        builder.Services.AddSingleton<SimulatedUsers>();
        builder.Services.AddSingleton<IdentityChangeEndpoint>();
        builder.Services.AddSingleton<TimelineEndpoint>();
        builder.Services.AddSingleton<MediaStore>();
        builder.Services.AddSingleton<MediaFaults>();
        builder.Services.AddSingleton<MediaEndpoints>();
        builder.Services.AddSingleton<TemplateStore>();
        builder.Services.AddSingleton<TemplatesEndpoint>();
        builder.Services.AddHttpClient(WebhookSender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);

        var app = builder.Build();
        Map(app);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var webhookUrl = app.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value.WebhookUrl?.ToString() ?? "(none)";
            SimulatorLog.Listening(app.Logger, string.Join(", ", addresses), webhookUrl);
        });
        return app;
    }

    private static void Map(WebApplication app)
    {
        app.MapGet("/health/live", () => TypedResults.Text("live"));

        app.MapPost(
            "/{version:regex(^v\\d+\\.\\d+$)}/{phoneNumberId}/messages",
            (HttpContext context, string version, string phoneNumberId, MessagesEndpoint endpoint) => endpoint.HandleAsync(context, version, phoneNumberId));

        MediaEndpoints.Map(app);

        const string Templates = "/{version:regex(^v\\d+\\.\\d+$)}/{wabaId}/message_templates";
        app.MapGet(Templates, (HttpContext context, string version, string wabaId, int? limit, string? after, TemplatesEndpoint endpoint) =>
            endpoint.List(context, version, wabaId, limit, after));
        app.MapPost(Templates, (HttpContext context, string wabaId, TemplatesEndpoint endpoint) => endpoint.CreateAsync(context, wabaId));
        app.MapDelete(Templates, (HttpContext context, string wabaId, string? name, TemplatesEndpoint endpoint) => endpoint.Delete(context, wabaId, name));
        app.MapPost("/{version:regex(^v\\d+\\.\\d+$)}/{templateId:regex(^\\d+$)}", (HttpContext context, string templateId, TemplatesEndpoint endpoint) => endpoint.EditAsync(context, templateId));

        var simulator = app.MapGroup("/simulator");
        simulator.MapPost("/templates/status", (TemplateStatusChange change, TemplatesEndpoint endpoint) => endpoint.SetStatus(change));
        simulator.MapPost("/templates/quality", (TemplateQualityChange change, TemplatesEndpoint endpoint) => endpoint.SetQuality(change));
        simulator.MapPost("/templates/category", (TemplateCategoryChange change, TemplatesEndpoint endpoint) => endpoint.SetCategory(change));
        simulator.MapPost("/inbound", (InjectInboundRequest request, InboundEndpoint endpoint, CancellationToken cancellationToken) =>
            endpoint.HandleAsync(request, cancellationToken));
        simulator.MapPost("/identity-changes", (InjectIdentityChangeRequest request, IdentityChangeEndpoint endpoint, CancellationToken cancellationToken) =>
            endpoint.HandleAsync(request, cancellationToken));

        simulator.MapPost("/events", (InjectTimelineRequest request, TimelineEndpoint endpoint, CancellationToken cancellationToken) =>
            endpoint.HandleAsync(request, cancellationToken));

        simulator.MapGet("/requests", (string? phoneNumberId, RequestJournal journal) => TypedResults.Ok(journal.Snapshot(phoneNumberId)));

        simulator.MapGet("/webhooks", (WebhookSender sender) => TypedResults.Ok(sender.Deliveries));

        // Meta's duplicate delivery: the last webhook about a message or template, byte for byte and signed the same.
        simulator.MapPost("/webhooks/redeliver", async Task<Results<Ok<RedeliveredWebhook>, NotFound>> (RedeliverRequest request, WebhookSender sender, CancellationToken cancellationToken) =>
            await sender.RedeliverAsync(request.SubjectId ?? string.Empty, cancellationToken) is (true, var status)
                ? TypedResults.Ok(new RedeliveredWebhook(status))
                : TypedResults.NotFound());

        simulator.MapPost("/faults", Results<Ok<FaultsState>, ValidationProblem> (FaultRequest request, FaultInjector faults) =>
        {
            if (request.Count is < 1 or > 10_000)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["count"] = ["Count must be between 1 and 10000."] });
            }

            faults.Add(request.Kind, request.Count);
            return TypedResults.Ok(new FaultsState(faults.Pending));
        });

        simulator.MapDelete("/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return TypedResults.Ok(new FaultsState(faults.Pending));
        });

        simulator.MapPost("/reset", (RequestJournal journal, FaultInjector faults, ThroughputLimiter throughput, ServiceWindows windows, WebhookSender sender, SimulatedUsers users, MediaStore media, MediaFaults mediaFaults, TemplateStore templates) =>
        {
            users.Reset();
            media.Clear();
            mediaFaults.Clear();
            templates.Clear();
            journal.Clear();
            faults.Clear();
            throughput.Reset();
            windows.Reset();
            sender.Clear();
            return TypedResults.NoContent();
        });
    }
}

/// <param name="Pending">Faults still queued.</param>
public sealed record FaultsState(int Pending);

/// <param name="SubjectId">The message id (wamid) or template id the webhook was about.</param>
public sealed record RedeliverRequest(string? SubjectId);

/// <param name="WebhookStatus">What the gateway answered the repeated webhook (null: no answer).</param>
public sealed record RedeliveredWebhook(int? WebhookStatus);
