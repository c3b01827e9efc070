namespace WaApp.WhatsApp.Graph;

/// <summary>An interactive message: reply buttons (<c>button</c>) or a list (<c>list</c>).</summary>
public sealed record InteractivePayload
{
    private InteractivePayload(string type, InteractiveText body, InteractiveAction action)
    {
        Type = type;
        Body = body;
        Action = action;
    }

    public string Type { get; }

    public InteractiveHeader? Header { get; init; }

    public InteractiveText Body { get; }

    public InteractiveText? Footer { get; init; }

    public InteractiveAction Action { get; }

    /// <summary>Up to three reply buttons under <paramref name="body"/>.</summary>
    public static InteractivePayload ReplyButtons(string body, IReadOnlyList<ReplyButton> buttons, InteractiveHeader? header = null, string? footer = null)
    {
        ArgumentNullException.ThrowIfNull(buttons);
        var action = new InteractiveAction { Buttons = [.. buttons.Select(button => new InteractiveButton(button))] };
        return new InteractivePayload("button", new InteractiveText(body), action)
        {
            Header = header,
            Footer = footer is null ? null : new InteractiveText(footer),
        };
    }

    /// <summary>A list opened by a button labelled <paramref name="buttonText"/>; text headers only.</summary>
    public static InteractivePayload List(string body, string buttonText, IReadOnlyList<ListSection> sections, string? headerText = null, string? footer = null)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var action = new InteractiveAction { Button = buttonText, Sections = sections };
        return new InteractivePayload("list", new InteractiveText(body), action)
        {
            Header = headerText is null ? null : InteractiveHeader.FromText(headerText),
            Footer = footer is null ? null : new InteractiveText(footer),
        };
    }
}

public sealed record InteractiveText(string Text);

/// <summary>The optional header of reply buttons: text, image, video or document.</summary>
public sealed record InteractiveHeader
{
    private InteractiveHeader(string type) => Type = type;

    public string Type { get; }

    public string? Text { get; private init; }

    public MediaPayload? Image { get; private init; }

    public MediaPayload? Video { get; private init; }

    public MediaPayload? Document { get; private init; }

    public static InteractiveHeader FromText(string text) => new("text") { Text = text };

    public static InteractiveHeader FromImage(MediaPayload image) => new("image") { Image = image };

    public static InteractiveHeader FromVideo(MediaPayload video) => new("video") { Video = video };

    public static InteractiveHeader FromDocument(MediaPayload document) => new("document") { Document = document };
}

public sealed record InteractiveAction
{
    public IReadOnlyList<InteractiveButton>? Buttons { get; init; }

    /// <summary>The label of the button that opens a list.</summary>
    public string? Button { get; init; }

    public IReadOnlyList<ListSection>? Sections { get; init; }
}

public sealed record InteractiveButton(ReplyButton Reply)
{
    public string Type { get; } = "reply";
}

/// <summary>A reply button: <paramref name="Id"/> comes back in the <c>button_reply</c> webhook; title ≤ 20 characters.</summary>
public sealed record ReplyButton(string Id, string Title);

public sealed record ListSection(string? Title, IReadOnlyList<ListRow> Rows);

public sealed record ListRow(string Id, string Title, string? Description = null);
