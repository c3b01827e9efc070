using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace WaApp.CloudApiSimulator.Sending;

/// <summary>An error answered in Meta's Graph API shape: <c>{"error":{message,type,code,error_data,fbtrace_id}}</c>.</summary>
public sealed record MetaError(HttpStatusCode Status, int Code, string Message, string? Details = null)
{
    public static MetaError InvalidParameter(string details) => new(HttpStatusCode.BadRequest, 100, "(#100) Invalid parameter", details);

    public static MetaError MissingParameter(string details) => new(HttpStatusCode.BadRequest, 131008, "(#131008) Required parameter is missing", details);

    public static MetaError InvalidValue(string details) => new(HttpStatusCode.BadRequest, 131009, "(#131009) Parameter value is not valid", details);

    public static MetaError RateLimited(int perSecond) => new(
        HttpStatusCode.TooManyRequests,
        130429,
        "(#130429) Rate limit hit",
        $"Cloud API message throughput has been reached ({perSecond} messages per second for this number).");

    public static MetaError PairRateLimited() => new(
        HttpStatusCode.BadRequest,
        131056,
        "(#131056) (Business Account, Consumer Account) pair rate limit hit",
        "Too many messages sent from this phone number to the same phone number in a short period of time (injected fault).");

    public static MetaError ReEngagement() => new(
        HttpStatusCode.BadRequest,
        131047,
        "(#131047) Re-engagement message",
        "Message failed to send because more than 24 hours have passed since the customer last replied to this number.");

    /// <summary>An authentication template (one-tap, zero-tap, copy-code) sent to a BSUID: those need a phone number.</summary>
    public static MetaError BsuidRecipientNotSupported() => new(
        HttpStatusCode.BadRequest,
        131062,
        "(#131062) Business-scoped User ID recipients are not supported for this message.",
        "Authentication templates can only be sent to a phone number.");

    /// <summary>
    /// A media message sent by an id Meta does not hold: never uploaded, deleted, another number's, or past its 30 days
    /// (uploaded media expire). Meta answers the send with its media error; the business must upload the file again.
    /// </summary>
    public static MetaError MediaNotFound(string type, string mediaId) => new(
        HttpStatusCode.BadRequest,
        131053,
        "(#131053) Media upload error",
        $"Param {type}['id'] {mediaId} is not a valid media id for this phone number: it was never uploaded, was deleted or has expired (uploaded media are kept 30 days).");

    public static MetaError InvalidToken() => new(HttpStatusCode.Unauthorized, 190, "Invalid OAuth access token - Cannot parse access token");

    public static MetaError TokenExpired() => new(
        HttpStatusCode.Unauthorized,
        190,
        "Error validating access token: Session has expired (injected fault).");

    public static MetaError AccountLocked() => new(
        HttpStatusCode.BadRequest,
        131031,
        "(#131031) Business Account locked",
        "The WhatsApp Business Account associated with the app has been restricted or disabled for violating a platform policy (injected fault).");

    public static MetaError BillingProblem() => new(
        HttpStatusCode.BadRequest,
        131042,
        "(#131042) Business eligibility payment issue",
        "Message failed to send because there were one or more errors related to your payment method (injected fault).");

    public static MetaError PolicyBlocked() => new(
        HttpStatusCode.Forbidden,
        368,
        "(#368) Temporarily blocked for policies violations",
        "The WhatsApp Business Account associated with the app has been restricted or disabled for violating a platform policy (injected fault).");

    public static MetaError MarketingCapped() => new(
        HttpStatusCode.BadRequest,
        131049,
        "(#131049) This message was not delivered to maintain healthy ecosystem engagement.",
        "Meta chose not to deliver this marketing message: the user reached their marketing message limit (injected fault).");

    public static MetaError MarketingStopped() => new(
        HttpStatusCode.BadRequest,
        131050,
        "(#131050) Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.",
        "The user stopped marketing messages from this business (injected fault).");

    public static MetaError ServiceUnavailable() => new(
        HttpStatusCode.InternalServerError,
        131000,
        "(#131000) Something went wrong",
        "Message failed to send due to an unknown error (injected fault).");

    public JsonObject ToJson()
    {
        var error = new JsonObject
        {
            ["message"] = Message,
            ["type"] = "OAuthException",
            ["code"] = Code,
        };
        if (Details is not null)
        {
            error["error_data"] = new JsonObject { ["messaging_product"] = "whatsapp", ["details"] = Details };
        }

        error["fbtrace_id"] = "A" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');
        return new JsonObject { ["error"] = error };
    }

    /// <summary>The shape used inside status webhooks (<c>statuses[].errors[]</c>).</summary>
    public JsonObject ToWebhookJson() => new()
    {
        ["code"] = Code,
        ["title"] = Message,
        ["message"] = Message,
        ["error_data"] = new JsonObject { ["details"] = Details ?? Message },
        ["href"] = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
    };
}
