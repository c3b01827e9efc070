using System.Net;
using WaApp.WhatsApp.Graph;

namespace WaApp.WhatsApp.Tests.Graph;

public sealed class AccountAccessTokenTests
{
    private const string OtherNumber = "209381726354";

    [Fact]
    public async Task A_number_with_its_own_business_account_token_sends_with_it_and_others_with_the_configured_token()
    {
        var handler = FakeGraphHandler.Answering(HttpStatusCode.OK, """{"messaging_product":"whatsapp","contacts":[{"input":"+14155550123","wa_id":"14155550123"}],"messages":[{"id":"wamid.A"}]}""");
        using var harness = new GraphClientHarness(handler, tokens: new Tokens());

        await harness.SendTextAsync();
        await harness.Client.SendMessageAsync(OtherNumber, SendMessageRequest.ForText("+14155550123", "Hello"));

        var requests = handler.Requests.ToArray();
        Assert.Equal("Bearer EAAG-tenant-token", requests[0].Authorization);
        Assert.Equal("Bearer " + GraphClientHarness.AccessToken, requests[1].Authorization);
    }

    private sealed class Tokens : IAccessTokenSource
    {
        public ValueTask<string?> GetAccessTokenAsync(string phoneNumberId, CancellationToken cancellationToken) =>
            ValueTask.FromResult(phoneNumberId == GraphClientHarness.PhoneNumberId ? "EAAG-tenant-token" : null);
    }
}
