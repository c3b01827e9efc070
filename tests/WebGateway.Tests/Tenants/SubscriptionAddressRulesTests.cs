using System.Net;
using WaApp.Grains.Abstractions.Subscriptions;

namespace WaApp.WebGateway.Tests.Tenants;

public sealed class SubscriptionAddressRulesTests
{
    private static readonly SubscriptionAddressRules Production = new(allowLoopback: false, []);
    private static readonly SubscriptionAddressRules Allowing10 = new(allowLoopback: false, [IPNetwork.Parse("10.20.0.0/16")]);

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    public void Link_local_metadata_and_unspecified_addresses_are_never_allowed(string address)
    {
        Assert.NotNull(Production.Refusal(IPAddress.Parse(address)));
        Assert.NotNull(new SubscriptionAddressRules(allowLoopback: true, [IPNetwork.Parse("0.0.0.0/0"), IPNetwork.Parse("::/0")]).Refusal(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("10.20.1.2")]
    [InlineData("192.168.1.1")]
    [InlineData("172.16.0.5")]
    [InlineData("fd12:3456::1")]
    public void Private_and_loopback_addresses_need_an_allow_list(string address) =>
        Assert.NotNull(Production.Refusal(IPAddress.Parse(address)));

    [Fact]
    public void The_allow_list_opens_only_its_networks_and_development_only_loopback()
    {
        Assert.Null(Allowing10.Refusal(IPAddress.Parse("10.20.1.2")));
        Assert.NotNull(Allowing10.Refusal(IPAddress.Parse("10.21.1.2")));
        var development = new SubscriptionAddressRules(allowLoopback: true, []);
        Assert.Null(development.Refusal(IPAddress.Loopback));
        Assert.NotNull(development.Refusal(IPAddress.Parse("192.168.1.1")));
        Assert.Null(Production.Refusal(IPAddress.Parse("93.184.216.34")));
    }

    [Theory]
    [InlineData("https://crm.example.com/hooks", true)]
    [InlineData("http://93.184.216.34:8080/x", true)]
    [InlineData("ftp://crm.example.com/hooks", false)]
    [InlineData("https://user:pw@crm.example.com/hooks", false)]
    [InlineData("http://localhost/hooks", false)]
    [InlineData("http://[::1]/hooks", false)]
    [InlineData("http://169.254.169.254/latest/meta-data/", false)]
    [InlineData("/relative", false)]
    public void Urls_are_checked_by_scheme_credentials_and_literal_host(string url, bool accepted) =>
        Assert.Equal(accepted, Production.UrlRefusal(url) is null);
}
