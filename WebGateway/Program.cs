using WaApp.ServiceDefaults;
using WaApp.WebGateway.Hosting;

// Split mode: the gateway on its own, an Orleans client of the silos. WaApp.Server runs it inside a silo.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway", "http://0.0.0.0:8080").AddManagementPort(9090);
builder.AddWaAppGateway();

var app = builder.Build();
app.UseWaAppGateway();

app.MapDefaultEndpoints();
app.MapWaAppGateway();

app.Run();
