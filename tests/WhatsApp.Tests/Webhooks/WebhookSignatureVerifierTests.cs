using System.Text;
using System.Text.Json;
using WaApp.TestInfrastructure;
using WaApp.WhatsApp.Webhooks;

namespace WaApp.WhatsApp.Tests.Webhooks;

public sealed class WebhookSignatureVerifierTests
{
    private static readonly WebhookSignatureVerifier Verifier = new([WebhookFixtures.AppSecret]);

    public static TheoryData<string> FixtureNames => [.. WebhookFixtures.Names];

    [Theory]
    [MemberData(nameof(FixtureNames))]
    public void Every_fixture_verifies_with_its_own_signature(string name)
    {
        var body = WebhookFixtures.Read(name);

        Assert.True(Verifier.IsValid(body, WebhookFixtures.Sign(body)));
    }

    [Fact]
    public void The_signature_published_in_the_fixture_readme_verifies()
    {
        var body = WebhookFixtures.Read("text.json");

        Assert.True(Verifier.IsValid(body, "sha256=1379f1f5abbea49c778eaa483dfd426800f450293d68ea3bbf3a3421544a5316"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    public void A_missing_signature_is_rejected(string? header) =>
        Assert.False(Verifier.IsValid(WebhookFixtures.Read("text.json"), header));

    [Fact]
    public void A_signature_without_the_sha256_prefix_is_rejected()
    {
        var body = WebhookFixtures.Read("text.json");

        Assert.False(Verifier.IsValid(body, WebhookFixtures.Sign(body)["sha256=".Length..]));
    }

    [Fact]
    public void An_uppercase_hex_signature_is_rejected()
    {
        var body = WebhookFixtures.Read("text.json");
        var signature = WebhookFixtures.Sign(body);

        Assert.False(Verifier.IsValid(body, "sha256=" + signature["sha256=".Length..].ToUpperInvariant()));
    }

    [Fact]
    public void A_truncated_signature_is_rejected()
    {
        var body = WebhookFixtures.Read("text.json");

        Assert.False(Verifier.IsValid(body, WebhookFixtures.Sign(body)[..^2]));
    }

    [Fact]
    public void A_signature_made_with_another_secret_is_rejected()
    {
        var body = WebhookFixtures.Read("text.json");

        Assert.False(Verifier.IsValid(body, WebhookFixtures.Sign(body, "some-other-app-secret")));
    }

    [Fact]
    public void A_body_with_one_byte_changed_is_rejected()
    {
        var body = WebhookFixtures.Read("text.json");
        var signature = WebhookFixtures.Sign(body);
        var tampered = body.ToArray();
        var index = Array.IndexOf(tampered, (byte)'4');
        tampered[index] = (byte)'5';

        Assert.False(Verifier.IsValid(tampered, signature));
    }

    [Fact]
    public void A_signature_over_the_reserialized_body_is_rejected()
    {
        var body = WebhookFixtures.Read("image.json");
        var reserialized = JsonSerializer.SerializeToUtf8Bytes(JsonDocument.Parse(body).RootElement);

        Assert.False(Verifier.IsValid(body, WebhookFixtures.Sign(reserialized)));
    }

    [Fact]
    public void During_a_rotation_bodies_signed_with_either_secret_verify()
    {
        const string NewSecret = "rotated-app-secret-7d2e9b";
        var rotating = new WebhookSignatureVerifier([WebhookFixtures.AppSecret, NewSecret]);
        var body = WebhookFixtures.Read("text.json");

        Assert.True(rotating.IsValid(body, WebhookFixtures.Sign(body, WebhookFixtures.AppSecret)));
        Assert.True(rotating.IsValid(body, WebhookFixtures.Sign(body, NewSecret)));
        Assert.False(rotating.IsValid(body, WebhookFixtures.Sign(body, "retired-secret")));
    }

    [Fact]
    public void An_ascii_escaped_body_verifies_against_its_raw_bytes_only()
    {
        // Meta signs bodies with non-ASCII escaped (\u00e9, \/); System.Text.Json re-escapes differently.
        const string Json = """{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messages":[{"text":{"body":"Caf\u00e9 \ud83d\ude00 https:\/\/x.example"}}]}}]}]}""";
        var body = Encoding.UTF8.GetBytes(Json);
        var signature = WebhookFixtures.Sign(body);
        var reserialized = JsonSerializer.SerializeToUtf8Bytes(JsonDocument.Parse(body).RootElement);

        Assert.True(Verifier.IsValid(body, signature));
        Assert.False(Verifier.IsValid(reserialized, signature));
    }

    [Fact]
    public void A_verifier_without_secrets_cannot_be_built() =>
        Assert.Throws<ArgumentException>(() => new WebhookSignatureVerifier(["", ""]));
}
