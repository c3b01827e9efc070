using System.Net;
using WaApp.CloudApiSimulator.Sending;

namespace WaApp.CloudApiSimulator.Templates;

/// <summary>Meta's template errors (132xxx on send, 100 on creation), with the messages Meta documents.</summary>
public static class TemplateErrors
{
    public static MetaError ParameterCount(string details) =>
        new(HttpStatusCode.BadRequest, 132000, "(#132000) Number of parameters does not match the expected number of params", details);

    public static MetaError NotFound(string name, string language) =>
        new(HttpStatusCode.BadRequest, 132001, "(#132001) Template name does not exist in the translation", $"template name ({name}) does not exist in {language}");

    public static MetaError NotApproved(string name, string language, string status) =>
        new(HttpStatusCode.BadRequest, 132001, "(#132001) Template name does not exist in the translation", $"template name ({name}) in {language} is {status}, not APPROVED");

    public static MetaError ParameterFormat(string details) =>
        new(HttpStatusCode.BadRequest, 132012, "(#132012) Parameter format does not match format in the created template", details);

    public static MetaError Paused(string name) =>
        new(HttpStatusCode.BadRequest, 132015, "(#132015) Template is Paused", $"Template {name} is paused because of low quality; it cannot be sent.");

    public static MetaError Disabled(string name) =>
        new(HttpStatusCode.BadRequest, 132016, "(#132016) Template is disabled", $"Template {name} has been paused too many times and is permanently disabled.");

    public static MetaError AlreadyExists(string name, string language) =>
        new(HttpStatusCode.BadRequest, 100, "(#100) Invalid parameter", $"Content in this language already exists: {name} ({language}).");

    /// <summary>Meta refuses a second edit of an approved template within a day, or an 11th within 30 days.</summary>
    public static MetaError EditLimit(string name) =>
        new(HttpStatusCode.BadRequest, 100, "(#100) Invalid parameter", $"Template {name} has reached its edit limit: an approved template can be edited once in 24 hours and 10 times in 30 days.");

    public static MetaError NoSuchId(string id) =>
        new(HttpStatusCode.BadRequest, 100, "(#100) Invalid parameter", $"Unsupported post request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.");

    public static MetaError NoSuchName(string name) =>
        new(HttpStatusCode.BadRequest, 100, "(#100) Invalid parameter", $"Message template \"{name}\" can't be found.");
}
