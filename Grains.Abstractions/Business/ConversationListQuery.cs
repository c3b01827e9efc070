namespace WaApp.Grains.Abstractions.Business;

/// <summary>
/// A page of a business's conversations, most recently active first. <paramref name="After"/> is the
/// <see cref="ConversationListPage.Next"/> cursor of the previous page. Filters combine with AND.
/// </summary>
/// <param name="Open">true: only open conversations; false: only closed ones; null: both.</param>
/// <param name="Unread">true: only conversations with unread messages; false: only fully read ones.</param>
/// <param name="AssignedTo">Only conversations assigned to this agent.</param>
/// <param name="Assigned">true: only assigned conversations; false: only unassigned ones.</param>
[GenerateSerializer, Immutable, Alias("waapp.ConversationListQuery")]
public sealed record ConversationListQuery(
    int Limit,
    ConversationCursor? After = null,
    bool? Open = null,
    bool? Unread = null,
    string? AssignedTo = null,
    bool? Assigned = null);

/// <summary>A position in the list: the last item of a page. Keyset paging keeps pages stable while activity moves other conversations.</summary>
[GenerateSerializer, Immutable, Alias("waapp.ConversationCursor")]
public sealed record ConversationCursor(DateTimeOffset LastActivityAt, string ContactId);

[GenerateSerializer, Immutable, Alias("waapp.ConversationListPage")]
public sealed record ConversationListPage(IReadOnlyList<ConversationSnapshot> Items, ConversationCursor? Next);
