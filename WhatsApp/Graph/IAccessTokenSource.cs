namespace WaApp.WhatsApp.Graph;

/// <summary>
/// The access token of the business account a number belongs to, when it has its own (many businesses on one
/// install, each with its own Meta credentials); null means the configured <c>WhatsApp__AccessToken</c>.
/// </summary>
public interface IAccessTokenSource
{
    ValueTask<string?> GetAccessTokenAsync(string phoneNumberId, CancellationToken cancellationToken);
}
