namespace WaApp.WhatsApp.Tests;

public sealed class PlaceholderTests
{
    [Fact]
    public void Fixtures_are_copied_next_to_the_tests() =>
        Assert.Contains("text.json", WaApp.TestInfrastructure.WebhookFixtures.Names);
}
