using System.Text.Json;
using System.Text.Json.Nodes;
using WaApp.Grains.Abstractions.Business;
using WaApp.Grains.Abstractions.Outbound;
using WaApp.Grains.Abstractions.Templates;
using WaApp.WhatsApp.Templates;

namespace WaApp.WebGateway.Api;

/// <summary>
/// Checks a template send against the account's synced templates before anything is stored, so Meta is never called
/// with a template that cannot work: a mismatch is a 400 naming the parameter, a paused, disabled, rejected or
/// pending template a 409 with Meta's reason. The check is <see cref="TemplateSendChecker"/> on Meta's template-send
/// object; a name the catalog does not know passes until a sync has succeeded (Meta then has the last word).
/// </summary>
public static class TemplateSendGuard
{
    /// <summary>Meta's template-send object of a send, in either form; null when the send is no template.</summary>
    public static JsonElement? TemplateOf(OutboundContent content) => content switch
    {
        TemplateContent template => ToMetaTemplate(template),
        // The message-object form stores the "template" member itself, exactly as Meta documents it.
        MessageObjectContent { MessageType: "template" } message => JsonSerializer.Deserialize<JsonElement>(message.Json),
        _ => null,
    };

    /// <summary>The short form (<c>name</c>, <c>language</c>, positional body <c>parameters</c>) as Meta's template object.</summary>
    public static JsonElement ToMetaTemplate(TemplateContent template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var node = new JsonObject
        {
            ["name"] = template.Name,
            ["language"] = new JsonObject { ["code"] = template.LanguageCode },
        };
        if (template.BodyParameters.Count > 0)
        {
            node["components"] = new JsonArray(new JsonObject
            {
                ["type"] = "body",
                ["parameters"] = new JsonArray([.. template.BodyParameters.Select(parameter => (JsonNode)new JsonObject { ["type"] = "text", ["text"] = parameter })]),
            });
        }

        return JsonSerializer.SerializeToElement(node);
    }

    /// <summary>Null when the send may go on; otherwise the problem to answer.</summary>
    /// <param name="template">Meta's template-send object: <c>{"name", "language": {"code"}, "components": [...]}</c>.</param>
    public static async Task<IResult?> CheckAsync(string phoneNumberId, JsonElement template, IGrainFactory grains)
    {
        var name = template.ValueKind == JsonValueKind.Object && template.TryGetProperty("name", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (name is null)
        {
            return Problems.Validation("template.name", "The template's name is required.");
        }

        var summary = await grains.GetGrain<IBusinessGrain>(phoneNumberId).GetSummaryAsync();
        if (summary?.WabaId is not { Length: > 0 } wabaId)
        {
            return null;
        }

        var lookup = await grains.GetGrain<ITemplateCatalogGrain>(wabaId).FindAsync(name);
        if (lookup.Templates.Count == 0 && !lookup.Synced)
        {
            return null;
        }

        var facts = lookup.Templates.Select(known => new TemplateFacts(known.Name, known.Language, known.Status, known.ParameterFormat, known.ComponentsJson, known.Reason)).ToList();
        return TemplateSendChecker.Check(template, facts) switch
        {
            TemplateCheckResult.Mismatch mismatch => Problems.Validation(mismatch.Field, mismatch.Problem),
            TemplateCheckResult.NotSendable refused => Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The template cannot be sent",
                detail: refused.Problem,
                type: "https://waapp.dev/problems/template-not-sendable",
                extensions: new Dictionary<string, object?> { ["templateStatus"] = refused.Status }),
            _ => null,
        };
    }
}
