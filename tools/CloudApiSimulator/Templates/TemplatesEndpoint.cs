using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WaApp.CloudApiSimulator.Options;
using WaApp.CloudApiSimulator.Sending;
using WaApp.CloudApiSimulator.Webhooks;

namespace WaApp.CloudApiSimulator.Templates;

/// <summary>
/// <c>GET|POST|DELETE /{version}/{waba-id}/message_templates</c>: Meta's template management, with a review that
/// turns PENDING into APPROVED or REJECTED after <see cref="SimulatorOptions.TemplateReviewDelay"/> and a
/// <c>message_template_status_update</c> webhook for every status change.
/// </summary>
public sealed class TemplatesEndpoint(
    TemplateStore store,
    WebhookSender webhooks,
    IOptionsMonitor<SimulatorOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<TemplatesEndpoint> logger)
{
    private static readonly JsonSerializerOptions ResponseJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public IResult List(HttpContext context, string version, string wabaId, int? limit, string? after)
    {
        if (!GraphAuth.IsAuthorized(context.Request, options.CurrentValue))
        {
            return Error(MetaError.InvalidToken());
        }

        var size = Math.Clamp(limit ?? options.CurrentValue.TemplatePageSize, 1, 1000);
        var all = store.List(wabaId);
        var start = after is { Length: > 0 } cursor && long.TryParse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor)), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? all.Count(template => template.Sequence <= sequence)
            : 0;
        var page = all.Skip(start).Take(size).ToList();
        var response = new JsonObject { ["data"] = new JsonArray([.. page.Select(template => (JsonNode)template.ToJson())]) };
        if (page.Count > 0)
        {
            var paging = new JsonObject
            {
                ["cursors"] = new JsonObject { ["before"] = Cursor(page[0]), ["after"] = Cursor(page[^1]) },
            };
            if (start + page.Count < all.Count)
            {
                var request = context.Request;
                paging["next"] = $"{request.Scheme}://{request.Host}/{version}/{wabaId}/message_templates?limit={size}&after={Uri.EscapeDataString(Cursor(page[^1]))}";
            }

            response["paging"] = paging;
        }

        return Json(StatusCodes.Status200OK, response);
    }

    public async Task<IResult> CreateAsync(HttpContext context, string wabaId)
    {
        if (!GraphAuth.IsAuthorized(context.Request, options.CurrentValue))
        {
            return Error(MetaError.InvalidToken());
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return Error(MetaError.InvalidParameter("The request body is not valid JSON."));
        }

        var (creation, invalid) = TemplateCreation.Read(body);
        if (invalid is not null)
        {
            return Error(invalid);
        }

        var template = new SimulatedTemplate(TemplateStore.NewId(), wabaId, creation!.Name, creation.Language, creation.Category, creation.ParameterFormat, creation.Components);
        if (!store.TryAdd(template))
        {
            return Error(TemplateErrors.AlreadyExists(creation.Name, creation.Language));
        }

        TemplatesLog.Created(logger, template.Name, template.Language, wabaId);
        _ = ReviewAsync(template);
        return Json(StatusCodes.Status200OK, new JsonObject { ["id"] = template.Id, ["status"] = template.Status, ["category"] = template.Category });
    }

    /// <summary><c>POST /{version}/{template-id}</c>: Meta's edit (see <see cref="TemplateEditing"/>); answers <c>{"success": true}</c>.</summary>
    public async Task<IResult> EditAsync(HttpContext context, string templateId)
    {
        if (!GraphAuth.IsAuthorized(context.Request, options.CurrentValue))
        {
            return Error(MetaError.InvalidToken());
        }

        if (store.FindById(templateId) is not { } template)
        {
            return Error(TemplateErrors.NoSuchId(templateId));
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return Error(MetaError.InvalidParameter("The request body is not valid JSON."));
        }

        var now = time.GetUtcNow();
        var (category, components, invalid) = TemplateEditing.Read(template, body, now);
        if (invalid is not null)
        {
            return Error(invalid);
        }

        if (template.Status == "APPROVED")
        {
            template.ApprovedEdits.Add(now);
        }

        var componentsChanged = !JsonNode.DeepEquals(template.Components, components);
        template.Category = category;
        template.Components = components;
        template.Status = "PENDING";
        template.Reason = "NONE";
        TemplatesLog.Edited(logger, template.Name, template.Language, template.WabaId);
        if (componentsChanged)
        {
            Notify(template, TemplateWebhooks.Components(template, now), "COMPONENTS");
        }

        _ = ReviewAsync(template);
        return Json(StatusCodes.Status200OK, new JsonObject { ["success"] = true });
    }

    public IResult Delete(HttpContext context, string wabaId, string? name)
    {
        if (!GraphAuth.IsAuthorized(context.Request, options.CurrentValue))
        {
            return Error(MetaError.InvalidToken());
        }

        if (string.IsNullOrEmpty(name))
        {
            return Error(MetaError.MissingParameter("Parameter name is required."));
        }

        var removed = store.RemoveName(wabaId, name);
        if (removed.Count == 0)
        {
            return Error(TemplateErrors.NoSuchName(name));
        }

        foreach (var template in removed)
        {
            Notify(template, TemplateWebhooks.Status(template, "DELETED", time.GetUtcNow()), "DELETED");
        }

        return Json(StatusCodes.Status200OK, new JsonObject { ["success"] = true });
    }

    /// <summary><c>POST /simulator/templates/status</c>: Meta pauses, disables, reinstates or re-reviews a template.</summary>
    public IResult SetStatus(TemplateStatusChange change)
    {
        if (Find(change.WabaId, change.Name, change.Language) is not { } template)
        {
            return TypedResults.NotFound();
        }

        var status = change.Status?.ToUpperInvariant();
        if (status is not ("APPROVED" or "REJECTED" or "PAUSED" or "DISABLED" or "PENDING"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status must be APPROVED, REJECTED, PAUSED, DISABLED or PENDING."] });
        }

        template.Status = status;
        template.Reason = status == "REJECTED" ? change.Reason ?? "INVALID_FORMAT" : "NONE";
        Notify(template, TemplateWebhooks.Status(template, status, time.GetUtcNow()), status);
        return TypedResults.Ok(template.ToJson());
    }

    /// <summary><c>POST /simulator/templates/quality</c>: a new quality score (GREEN, YELLOW, RED).</summary>
    public IResult SetQuality(TemplateQualityChange change)
    {
        if (Find(change.WabaId, change.Name, change.Language) is not { } template || change.Score is not { Length: > 0 } score)
        {
            return TypedResults.NotFound();
        }

        var previous = template.Quality;
        template.Quality = score.ToUpperInvariant();
        Notify(template, TemplateWebhooks.Quality(template, previous, time.GetUtcNow()), template.Quality);
        return TypedResults.Ok(template.ToJson());
    }

    /// <summary><c>POST /simulator/templates/category</c>: Meta re-categorises a template (e.g. UTILITY to MARKETING).</summary>
    public IResult SetCategory(TemplateCategoryChange change)
    {
        if (Find(change.WabaId, change.Name, change.Language) is not { } template
            || change.Category?.ToUpperInvariant() is not ("MARKETING" or "UTILITY" or "AUTHENTICATION") || change.Category is null)
        {
            return TypedResults.NotFound();
        }

        var previous = template.Category;
        template.Category = change.Category.ToUpperInvariant();
        Notify(template, TemplateWebhooks.Category(template, previous, time.GetUtcNow()), template.Category);
        return TypedResults.Ok(template.ToJson());
    }

    private SimulatedTemplate? Find(string? wabaId, string? name, string? language) =>
        name is null || language is null ? null : store.Find(wabaId ?? options.CurrentValue.WabaId, name, language);

    private async Task ReviewAsync(SimulatedTemplate template)
    {
        try
        {
            await Task.Delay(options.CurrentValue.TemplateReviewDelay, time, lifetime.ApplicationStopping);
            if (template.Status != "PENDING" || store.Find(template.WabaId, template.Name, template.Language) != template)
            {
                return;
            }

            (template.Status, template.Reason) = TemplateCreation.Review(template);
            TemplatesLog.Reviewed(logger, template.Name, template.Language, template.Status);
            await webhooks.DeliverAsync("template", template.Id, template.Status, TemplateWebhooks.Status(template, template.Status, time.GetUtcNow()), retry: true, lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException)
        {
            // The simulator is stopping.
        }
    }

    private void Notify(SimulatedTemplate template, JsonObject payload, string status) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await webhooks.DeliverAsync("template", template.Id, status, payload, retry: true, lifetime.ApplicationStopping);
            }
            catch (OperationCanceledException)
            {
                // The simulator is stopping.
            }
        });

    private static string Cursor(SimulatedTemplate template) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(template.Sequence.ToString(CultureInfo.InvariantCulture)));

    private static IResult Error(MetaError error) => Json((int)error.Status, error.ToJson());

    private static IResult Json(int status, JsonNode body) => Results.Content(body.ToJsonString(ResponseJson), "application/json", Encoding.UTF8, status);
}

/// <param name="WabaId">The account; the simulator's <c>Simulator:WabaId</c> when omitted.</param>
public sealed record TemplateStatusChange(string? WabaId, string? Name, string? Language, string? Status, string? Reason);

public sealed record TemplateQualityChange(string? WabaId, string? Name, string? Language, string? Score);

public sealed record TemplateCategoryChange(string? WabaId, string? Name, string? Language, string? Category);
