using WaApp.ServiceDefaults;
using WaApp.Silo.Hosting;
using WaApp.WebGateway.Hosting;

// Co-hosted mode: the gateway's endpoints inside a silo (Orleans' recommended hosting for web front ends). A webhook's
// grain calls stay in this process, with no serialization or network hop when the grain lives here. More servers
// form one cluster like silos do; split mode (WaApp.Silo + WaApp.WebGateway) remains for separately scaled tiers.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("server", "http://0.0.0.0:8080").AddManagementPort(9090);
builder.AddWaAppSilo();
builder.AddWaAppGateway(GatewayHosting.InSilo);

var app = builder.Build();
app.UseWaAppSilo();
app.UseWaAppGateway();

app.MapDefaultEndpoints();
app.MapWaAppGateway();

app.Run();
