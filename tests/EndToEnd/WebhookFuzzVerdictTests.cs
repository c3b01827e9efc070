using System.Net;

namespace WaApp.EndToEnd;

public sealed class WebhookFuzzVerdictTests
{
    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge)]
    public void A_validly_signed_mutant_may_be_stored_refused_or_too_large(HttpStatusCode status) =>
        Assert.True(WebhookFuzzVerdict.IsExpected(status, resigned: true, unchanged: false, storageDownOnPurpose: false));

    [Fact]
    public void A_503_for_a_validly_signed_body_is_a_finding_unless_storage_was_stopped_on_purpose()
    {
        Assert.False(WebhookFuzzVerdict.IsExpected(HttpStatusCode.ServiceUnavailable, resigned: true, unchanged: false, storageDownOnPurpose: false));
        Assert.False(WebhookFuzzVerdict.IsExpected(HttpStatusCode.ServiceUnavailable, resigned: false, unchanged: true, storageDownOnPurpose: false));
        Assert.True(WebhookFuzzVerdict.IsExpected(HttpStatusCode.ServiceUnavailable, resigned: true, unchanged: false, storageDownOnPurpose: true));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public void A_mutant_under_the_originals_signature_gets_401(HttpStatusCode status)
    {
        Assert.False(WebhookFuzzVerdict.IsExpected(status, resigned: false, unchanged: false, storageDownOnPurpose: false));
        Assert.True(WebhookFuzzVerdict.IsExpected(HttpStatusCode.Unauthorized, resigned: false, unchanged: false, storageDownOnPurpose: false));
    }

    [Fact]
    public void A_server_error_is_always_a_finding() =>
        Assert.False(WebhookFuzzVerdict.IsExpected(HttpStatusCode.InternalServerError, resigned: true, unchanged: false, storageDownOnPurpose: true));
}
