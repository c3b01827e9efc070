namespace WaApp.WhatsApp.Templates;

/// <summary>Meta's template management endpoints of a WhatsApp Business Account (<c>/{waba-id}/message_templates</c>).</summary>
public interface ITemplateManagementClient
{
    /// <summary>Every template of the account, following <c>paging.next</c> through all pages.</summary>
    Task<TemplateCallResult<IReadOnlyList<GraphTemplate>>> ListAllAsync(string wabaId, CancellationToken cancellationToken = default);

    /// <summary>Submits a template for review with Meta's creation body (<c>name</c>, <c>language</c>, <c>category</c>, <c>components</c>).</summary>
    Task<TemplateCallResult<TemplateCreated>> CreateAsync(string wabaId, string creationJson, CancellationToken cancellationToken = default);

    /// <summary>
    /// Edits one template (<c>POST /{template-id}</c>) with Meta's edit body (<c>category</c>, <c>components</c>,
    /// <c>message_send_ttl_seconds</c>); Meta replaces the components whole and reviews the template again.
    /// </summary>
    Task<TemplateCallResult<bool>> EditAsync(string templateId, string editJson, CancellationToken cancellationToken = default);

    /// <summary>Deletes every language of the template <paramref name="name"/>.</summary>
    Task<TemplateCallResult<bool>> DeleteAsync(string wabaId, string name, CancellationToken cancellationToken = default);
}

/// <summary>Meta's answer to a creation: the new template's id, review status (PENDING) and category.</summary>
public sealed record TemplateCreated(string Id, string Status, string? Category);

/// <summary>A value, or Meta's error (<see cref="ErrorCode"/> is null when Meta never answered).</summary>
public sealed record TemplateCallResult<T>(T? Value, int? HttpStatus, int? ErrorCode, string? Error)
{
    public bool Succeeded => Error is null;

    public static TemplateCallResult<T> Ok(T value) => new(value, 200, null, null);

    public static TemplateCallResult<T> Failed(int? httpStatus, int? errorCode, string error) => new(default, httpStatus, errorCode, error);
}
