using WaApp.ServiceDefaults;
using WaApp.Silo.Hosting;

// Split mode: a silo on its own (gateways connect as Orleans clients). WaApp.Server runs the gateway inside a silo.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("silo", "http://0.0.0.0:8081");
builder.AddWaAppSilo();

var app = builder.Build();
app.UseWaAppSilo();

app.MapDefaultEndpoints();
app.Run();
