// A local stand-in for Meta's Graph API; the send endpoints arrive with the outbound issue.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/health/live", () => Results.Ok("live"));
app.Run();
