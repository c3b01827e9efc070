using System.Security.Claims;
using System.Text.RegularExpressions;
using WaApp.Grains.Abstractions.Tenants;
using WaApp.WebGateway.Tenants;

namespace WaApp.WebGateway.Api;

/// <summary>
/// <c>/api/v1/admin/tenants</c>: operators (settings keys from <c>Api__OperatorKeys__n</c>) create tenants and manage
/// any tenant's numbers and keys; a tenant's <c>admin</c> key manages its own through the same paths (another
/// tenant's id answers 404, as if it did not exist).
/// </summary>
public static partial class TenantAdminEndpoints
{
    public const string Prefix = "/api/v1/admin";

    private const int MaxNameLength = 200;
    private const int MaxTokenLength = 4096;
    private const int MaxKeyNumbers = 100;

    public static WebApplication MapTenantAdminApi(this WebApplication app)
    {
        var tenants = app.MapGroup($"{Prefix}/tenants").WithTags("Tenants")
            .RequireAuthorization(TenantRoles.AdminPolicy)
            .WithRequestSizeLimit(FieldLimits.RequestBodyBytes)
            // A tenant admin key is honoured only while this gateway's copy of the directory is current (it may have been revoked).
            .AddEndpointFilter(async (context, next) =>
                !TenantClaims.IsTenantKey(context.HttpContext.User) || context.HttpContext.RequestServices.GetRequiredService<TenantDirectory>().IsCurrent
                    ? await next(context)
                    : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable", detail: "The tenant directory is not available; retry shortly."));
        tenants.MapPost("/", CreateAsync).WithName("CreateTenant").WithSummary("Creates a tenant (operator keys only).")
            .Produces<TenantCreated>(StatusCodes.Status201Created).ProducesValidationProblem();
        tenants.MapGet("/", ListAsync).WithName("ListTenants").WithSummary("Every tenant an operator key manages; a tenant admin key sees its own.")
            .Produces<TenantList>();
        tenants.MapGet("/{tenantId}", GetAsync).WithName("GetTenant").WithSummary("A tenant's numbers and keys (with last use); never tokens or keys.")
            .Produces<TenantDetails>().ProducesProblem(StatusCodes.Status404NotFound);
        tenants.MapPost("/{tenantId}/numbers", AddNumberAsync).WithName("AddTenantNumber")
            .WithSummary("Registers a business number with its WABA id and, optionally, the access token to send with (stored encrypted, never returned).")
            .Produces(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        tenants.MapDelete("/{tenantId}/numbers/{number}", RemoveNumberAsync).WithName("RemoveTenantNumber")
            .WithSummary("Unregisters a number from the tenant.").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        tenants.MapGet("/{tenantId}/keys", ListKeysAsync).WithName("ListTenantKeys").WithSummary("The tenant's live keys, with role, numbers and last use.")
            .Produces<IReadOnlyList<TenantKey>>().ProducesProblem(StatusCodes.Status404NotFound);
        tenants.MapPost("/{tenantId}/keys", AddKeyAsync).WithName("CreateTenantKey")
            .WithSummary("Creates an API key; the key is in this answer only (it is stored hashed).")
            .Produces<TenantKeyCreated>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        tenants.MapDelete("/{tenantId}/keys/{keyId}", RevokeKeyAsync).WithName("RevokeTenantKey")
            .WithSummary("Revokes a key: every gateway refuses it within seconds.").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static ITenantRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Key);

    // The gateway that made a change sees it at once (a new key works on the next request here); others within a refresh.
    private static async Task RefreshAsync(IGrainFactory grains, TenantDirectory directory) =>
        directory.Confirm(await Registry(grains).SyncAsync(directory.Version, new Dictionary<string, DateTimeOffset>()));

    private static async Task<IResult> CreateAsync(CreateTenantRequest? request, ClaimsPrincipal user, IGrainFactory grains, TenantDirectory directory)
    {
        if (!user.IsInRole(TenantRoles.Operator))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Only operator keys create tenants.");
        }

        var name = request?.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return Problems.Validation("name", $"A tenant needs a name of 1 to {MaxNameLength} characters.");
        }

        var tenant = await Registry(grains).CreateTenantAsync(name);
        await RefreshAsync(grains, directory);
        return Results.Created($"{Prefix}/tenants/{tenant.Id}", new TenantCreated(tenant.Id, tenant.Name));
    }

    private static async Task<IResult> ListAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var all = await Registry(grains).ListTenantsAsync();
        return Results.Ok(new TenantList([.. all.Where(tenant => Manages(user, tenant.Id))]));
    }

    private static async Task<IResult> GetAsync(string tenantId, ClaimsPrincipal user, IGrainFactory grains) =>
        Manages(user, tenantId) && await Registry(grains).GetTenantAsync(tenantId) is { } tenant ? Results.Ok(tenant) : TenantNotFound();

    private static async Task<IResult> AddNumberAsync(string tenantId, AddNumberRequest? request, ClaimsPrincipal user, IGrainFactory grains, TenantDirectory directory)
    {
        if (!Manages(user, tenantId))
        {
            return TenantNotFound();
        }

        if (!IsId(request?.PhoneNumberId))
        {
            return Problems.Validation("phoneNumberId", "A phone number id is 1 to 64 letters, digits, '-' or '_'.");
        }

        if (!IsId(request!.BusinessAccountId))
        {
            return Problems.Validation("businessAccountId", "A business account (WABA) id is 1 to 64 letters, digits, '-' or '_'.");
        }

        if (request.AccessToken is { } token && (token.Length is 0 or > MaxTokenLength || token.Any(char.IsWhiteSpace)))
        {
            return Problems.Validation("accessToken", $"An access token is 1 to {MaxTokenLength} characters without white space.");
        }

        if (request.AppSecret is { } appSecret && (appSecret.Length is 0 or > MaxTokenLength || appSecret.Any(char.IsWhiteSpace)))
        {
            return Problems.Validation("appSecret", $"An app secret is 1 to {MaxTokenLength} characters without white space.");
        }

        var change = await Registry(grains).AddNumberAsync(tenantId, new TenantNumberRegistration(request.PhoneNumberId!, request.BusinessAccountId!, request.AccessToken, request.AppSecret));
        await RefreshAsync(grains, directory);
        return change.Outcome switch
        {
            TenantChangeOutcome.Applied => Results.Created($"{Prefix}/tenants/{tenantId}/numbers/{request.PhoneNumberId}", new TenantNumber(request.PhoneNumberId!, request.BusinessAccountId!, request.AccessToken is not null, request.AppSecret is not null)),
            TenantChangeOutcome.OwnedByAnotherTenant => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: "This number is registered to another tenant."),
            _ => TenantNotFound(),
        };
    }

    private static async Task<IResult> RemoveNumberAsync(string tenantId, string number, ClaimsPrincipal user, IGrainFactory grains, TenantDirectory directory)
    {
        if (!Manages(user, tenantId))
        {
            return TenantNotFound();
        }

        var change = await Registry(grains).RemoveNumberAsync(tenantId, number);
        await RefreshAsync(grains, directory);
        return change.Outcome == TenantChangeOutcome.Applied ? Results.NoContent() : Problems.NotFound("The tenant has no such number.");
    }

    private static async Task<IResult> ListKeysAsync(string tenantId, ClaimsPrincipal user, IGrainFactory grains) =>
        Manages(user, tenantId) && await Registry(grains).GetTenantAsync(tenantId) is { } tenant ? Results.Ok(tenant.Keys) : TenantNotFound();

    private static async Task<IResult> AddKeyAsync(string tenantId, CreateKeyRequest? request, ClaimsPrincipal user, IGrainFactory grains, TimeProvider clock, TenantDirectory directory)
    {
        if (!Manages(user, tenantId))
        {
            return TenantNotFound();
        }

        if (request?.Role is not { } role || !TenantKeyRoles.All.Contains(role))
        {
            return Problems.Validation("role", $"A key's role is one of: {string.Join(", ", TenantKeyRoles.All)}.");
        }

        var numbers = request.PhoneNumberIds ?? [];
        if (numbers.Count > MaxKeyNumbers || numbers.Any(number => !IsId(number)))
        {
            return Problems.Validation("phoneNumberIds", $"At most {MaxKeyNumbers} phone number ids, each 1 to 64 letters, digits, '-' or '_'.");
        }

        var (keyId, key, hash) = TenantKeyFormat.Generate();
        var createdAt = clock.GetUtcNow();
        var change = await Registry(grains).AddKeyAsync(tenantId, new TenantKeyRegistration(keyId, hash, role, [.. numbers.Distinct(StringComparer.Ordinal)], createdAt));
        await RefreshAsync(grains, directory);
        return change.Outcome == TenantChangeOutcome.Applied
            ? Results.Created($"{Prefix}/tenants/{tenantId}/keys/{keyId}", new TenantKeyCreated(keyId, key, role, numbers, createdAt))
            : TenantNotFound();
    }

    private static async Task<IResult> RevokeKeyAsync(string tenantId, string keyId, ClaimsPrincipal user, IGrainFactory grains, TenantDirectory directory)
    {
        if (!Manages(user, tenantId))
        {
            return TenantNotFound();
        }

        var change = await Registry(grains).RevokeKeyAsync(tenantId, keyId);
        await RefreshAsync(grains, directory);
        return change.Outcome == TenantChangeOutcome.Applied ? Results.NoContent() : Problems.NotFound("The tenant has no such key.");
    }

    // Operators manage every tenant; a tenant admin key only its own.
    private static bool Manages(ClaimsPrincipal user, string tenantId) =>
        user.IsInRole(TenantRoles.Operator)
        || (user.IsInRole(TenantRoles.TenantAdmin) && string.Equals(TenantClaims.TenantOf(user), tenantId, StringComparison.Ordinal));

    private static IResult TenantNotFound() => Problems.NotFound("No tenant with this id is known.");

    private static bool IsId(string? value) => value is not null && Id().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex Id();
}

public sealed record CreateTenantRequest(string? Name);

public sealed record TenantCreated(string Id, string Name);

public sealed record TenantList(IReadOnlyList<TenantDetails> Tenants);

/// <param name="AppSecret">The secret of the Meta app that sends this number's webhooks, when it is not one of <c>WhatsApp__AppSecrets__n</c>.</param>
public sealed record AddNumberRequest(string? PhoneNumberId, string? BusinessAccountId, string? AccessToken, string? AppSecret);

public sealed record CreateKeyRequest(string? Role, IReadOnlyList<string>? PhoneNumberIds);

/// <param name="Key">The key itself: shown only in this answer.</param>
public sealed record TenantKeyCreated(string Id, string Key, string Role, IReadOnlyList<string> PhoneNumberIds, DateTimeOffset CreatedAt);
