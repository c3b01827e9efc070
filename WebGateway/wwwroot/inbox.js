// WaApp agent inbox: plain ES module, no build step. It is a client of the public REST API and of /ws like any
// other; everything it shows comes from there. Customer text is only ever set as textContent, never parsed as HTML.

import { previewText as templatePreview, renderTemplateForm, templateSendBody } from './templates.js';

const keyStorage = 'waapp.apiKey';
const businessStorage = 'waapp.business';

const $ = (id) => document.getElementById(id);

const inbox = {
  key: null,
  business: null,
  conversations: new Map(), // contactId -> conversation as the list shows it
  versions: new Map(), // contactId -> last event version seen on /ws
  current: null, // contactId of the open conversation
  messages: [], // of the open conversation, oldest first
  templates: [],
  templateInputs: [], // inputs of the picked template's form, in field order
  socket: null,
  reconnectDelay: 1000,
  sending: false, // a send is on its way: Send buttons wait for its answer
  pendingSend: null, // { body, key }: re-sent with the same Idempotency-Key if the network failed
  mediaUrls: new Map(), // messageId -> blob: URL of its stored file (fetched once with the API key)
  attachment: null, // the File the agent attached in the composer
  replyTo: null, // { id, text }: the customer message the next reply quotes
  lastTyping: 0, // when the typing indicator was last shown (Meta keeps it up to 25 s)
};

// Quick reactions offered on each customer message.
const reactions = ['👍', '❤️', '😂', '🙏'];
const typingRefreshMs = 20000;

class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function api(path, { method = 'GET', body, idempotencyKey } = {}) {
  const headers = { Authorization: `Bearer ${inbox.key}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401) {
    signOut('That API key is not accepted (any more). Sign in again.');
    throw new ApiError(401);
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

function conversationPath(contactId) {
  return `/api/v1/conversations/${encodeURIComponent(inbox.business)}/${encodeURIComponent(contactId)}`;
}

// ---- sign in ----

async function signIn(key) {
  inbox.key = key;
  const businesses = await api('/api/v1/businesses');
  sessionStorage.setItem(keyStorage, key);
  $('sign-in').hidden = true;
  $('app').hidden = false;
  await showBusinesses(businesses.items);
}

function signOut(message) {
  sessionStorage.removeItem(keyStorage);
  inbox.key = null;
  closeSocket();
  $('app').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message || '';
  $('api-key').focus();
}

async function showBusinesses(items) {
  const select = $('business');
  select.replaceChildren(...items.map((business) => {
    const option = document.createElement('option');
    option.value = business.phoneNumberId;
    option.textContent = business.displayPhoneNumber ? `${business.displayPhoneNumber} (${business.phoneNumberId})` : business.phoneNumberId;
    return option;
  }));
  if (items.length === 0) {
    $('no-conversations').textContent = 'No business number has received a message yet. Waiting for the first one…';
    setTimeout(async () => {
      if (inbox.key && !inbox.business) await showBusinesses((await api('/api/v1/businesses')).items);
    }, 5000);
    return;
  }
  const remembered = sessionStorage.getItem(businessStorage);
  select.value = items.some((business) => business.phoneNumberId === remembered) ? remembered : items[0].phoneNumberId;
  await selectBusiness(select.value);
}

async function selectBusiness(phoneNumberId) {
  inbox.business = phoneNumberId;
  sessionStorage.setItem(businessStorage, phoneNumberId);
  inbox.current = null;
  inbox.messages = [];
  inbox.conversations.clear();
  inbox.versions.clear();
  renderConversation(null);
  connectSocket();
  await Promise.all([loadConversations(), loadTemplates()]);
}

// ---- conversation list ----

// Merged by version, never replaced: a live frame that lands while the page is read is newer than the page, and a
// conversation it announced is not on the page at all.
async function loadConversations() {
  const business = inbox.business;
  const page = await api(`/api/v1/businesses/${encodeURIComponent(business)}/conversations?limit=100`);
  if (inbox.business !== business) return;
  for (const item of page.items) mergeConversation(item.contactId, item);
  renderList();
}

function renderList() {
  const items = [...inbox.conversations.values()].sort((a, b) =>
    (b.lastActivityAt || '').localeCompare(a.lastActivityAt || '') || a.contactId.localeCompare(b.contactId));
  $('no-conversations').hidden = items.length > 0;
  $('no-conversations').textContent = 'No conversations yet. They appear here as customers write.';
  // A live frame re-renders the list under the agent's keyboard: the conversation that had focus keeps it.
  const focused = document.activeElement?.closest('.conversation-item')?.dataset.contactId;
  $('conversation-list').replaceChildren(...items.map(renderListItem));
  if (focused !== undefined) {
    document.querySelector(`.conversation-item[data-contact-id="${CSS.escape(focused)}"]`)?.focus();
  }
}

function renderListItem(conversation) {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'conversation-item';
  button.dataset.contactId = conversation.contactId;
  if (conversation.contactId === inbox.current) button.setAttribute('aria-current', 'true');

  const name = element('span', 'name', conversation.profileName || `+${conversation.contactId}`);
  const preview = element('span', 'preview', previewText(conversation.lastMessage));
  const meta = element('span', 'meta', [
    conversation.isOpen === false ? 'closed' : null,
    conversation.assignedTo ? `→ ${conversation.assignedTo}` : null,
    windowShort(conversation.windowExpiresAt),
  ].filter(Boolean).join(' · '));
  meta.dataset.windowExpiresAt = conversation.windowExpiresAt || '';
  button.append(name, preview, meta);
  if (conversation.unreadCount > 0) {
    const unread = element('span', 'unread', String(conversation.unreadCount));
    unread.setAttribute('aria-label', `${conversation.unreadCount} unread`);
    button.append(unread);
  }
  button.addEventListener('click', () => openConversation(conversation.contactId));
  item.append(button);
  return item;
}

function previewText(message) {
  if (!message) return '';
  const what = message.text || `[${message.type}]`;
  return message.direction === 'outbound' ? `You: ${what}` : what;
}

// ---- one conversation ----

async function openConversation(contactId) {
  inbox.current = contactId;
  inbox.pendingSend = null;
  inbox.lastTyping = 0;
  setReplyTo(null);
  $('composer-notice').textContent = '';
  $('reply').value = '';
  document.querySelector('.panes').dataset.view = 'conversation';
  renderList();
  await refreshConversation();
  $('conversation').focus();
  const conversation = inbox.conversations.get(contactId);
  if (conversation?.unreadCount > 0) {
    // The agent has it on screen: mark it read so the unread count means "nobody looked yet".
    const summary = await api(`${conversationPath(contactId)}/read`, { method: 'POST' });
    mergeConversation(contactId, summary);
    renderList();
  }
}

async function refreshConversation() {
  const contactId = inbox.current;
  if (!contactId) return;
  const [summary, page] = await Promise.all([
    api(conversationPath(contactId)),
    api(`${conversationPath(contactId)}/messages?limit=100`),
  ]);
  if (inbox.current !== contactId) return;
  mergeConversation(contactId, summary);
  inbox.versions.set(contactId, Math.max(summary.version, inbox.versions.get(contactId) ?? 0));
  inbox.messages = page.items;
  renderConversation(inbox.conversations.get(contactId));
  renderList();
}

// An older version (a read that raced a live frame) changes nothing.
function mergeConversation(contactId, changes) {
  const known = inbox.conversations.get(contactId) || { contactId };
  if (changes.version !== undefined && known.version !== undefined && changes.version < known.version) return;
  inbox.conversations.set(contactId, { ...known, ...changes, contactId });
}

function renderConversation(conversation) {
  const hasConversation = Boolean(conversation);
  $('conversation-actions').hidden = !hasConversation;
  $('composer').hidden = !hasConversation;
  $('conversation-title').textContent = hasConversation
    ? `${conversation.profileName || 'Customer'} · +${conversation.contactId}`
    : 'Choose a conversation';
  if (!hasConversation) {
    $('messages').replaceChildren();
    $('window-countdown').textContent = '';
    return;
  }
  $('assignee').value = conversation.assignedTo || '';
  $('close-conversation').textContent = conversation.isOpen === false ? 'Reopen' : 'Close';
  $('messages').replaceChildren(...inbox.messages.map(renderMessage));
  const last = $('messages').lastElementChild;
  if (last) last.scrollIntoView({ block: 'end' });
  updateWindow();
}

function renderMessage(message) {
  const item = document.createElement('li');
  item.className = `message ${message.direction}`;
  if (message.type === 'call') item.classList.add('call');
  item.dataset.messageId = message.id;
  item.dataset.type = message.type;
  item.dataset.status = message.status;

  // In a group, who wrote it; a message the business sent from the WhatsApp Business app or imported history says so.
  if (message.sender) item.append(element('p', 'sender', message.sender));
  if (message.origin) item.append(element('p', 'origin', message.origin === 'business_app' ? 'Sent from the WhatsApp Business app' : 'Imported chat history'));
  if (message.media && !message.deletedAt) {
    item.append(renderMedia(message));
    const caption = message.media.caption;
    if (caption) item.append(element('p', 'body', caption));
  } else {
    const body = element('p', 'body', messageText(message));
    if (message.deletedAt || (!message.text && message.type !== 'text')) body.classList.add('placeholder');
    item.append(body);
  }
  if (message.edits?.length && !message.deletedAt) {
    const edited = element('span', 'edited', 'edited');
    edited.title = `Earlier: ${message.edits.map((version) => version.text ?? '').join(' → ')}`;
    item.append(edited);
  }
  if (message.reaction) {
    const reaction = element('span', 'reaction', message.reaction);
    reaction.setAttribute('aria-label', `Customer reacted ${message.reaction}`);
    item.append(reaction);
  }

  if (message.direction === 'inbound' && message.id.startsWith('wamid.')) item.append(messageActions(message));

  const footer = element('p', 'footer', new Date(message.timestamp).toLocaleString());
  if (message.direction === 'outbound') {
    const ticks = element('span', `ticks ${message.status}`, tickSymbol(message.status));
    ticks.setAttribute('aria-label', `Status: ${message.status}`);
    ticks.title = message.errors?.length ? `${message.status}: ${message.errors.map((e) => e.title || e.message || e.code).join('; ')}` : message.status;
    footer.append(' ', ticks);
  }
  item.append(footer);
  return item;
}

// ---- media ----

function mediaPath(messageId) {
  return `${conversationPath(inbox.current)}/messages/${encodeURIComponent(messageId)}/media`;
}

function formatSize(bytes) {
  if (bytes == null) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

// The file's bytes with the API key (an <img src> cannot send it), kept as a blob: URL for this page's life.
async function mediaUrl(messageId) {
  if (!inbox.mediaUrls.has(messageId)) {
    const response = await fetch(mediaPath(messageId), { headers: { Authorization: `Bearer ${inbox.key}` } });
    if (!response.ok) throw new ApiError(response.status);
    inbox.mediaUrls.set(messageId, URL.createObjectURL(await response.blob()));
  }
  return inbox.mediaUrls.get(messageId);
}

function renderMedia(message) {
  const media = message.media;
  const box = element('div', `media ${media.status}`, '');
  box.dataset.mediaStatus = media.status;
  const kind = message.type;
  if (media.status === 'pending') {
    box.append(element('p', 'placeholder', `[${kind}] Fetching the file…`));
    return box;
  }
  if (media.status === 'failed') {
    box.append(element('p', 'error', `[${kind}] The file could not be stored: ${media.error || 'unknown error'}`));
    const retry = element('button', 'retry', 'Retry');
    retry.type = 'button';
    retry.addEventListener('click', async () => {
      retry.disabled = true;
      try {
        const updated = await api(`${mediaPath(message.id)}/retry`, { method: 'POST' });
        upsertMessage({ ...message, media: updated });
        renderConversation(inbox.conversations.get(inbox.current));
      } catch (error) {
        reportFailure(error);
        retry.disabled = false;
      }
    });
    box.append(retry);
    return box;
  }
  const inline = (kind === 'image' || kind === 'sticker') && media.mimeType !== 'image/svg+xml';
  if (inline) {
    const image = document.createElement('img');
    image.className = kind === 'sticker' ? 'sticker' : 'thumbnail';
    image.alt = media.caption || (kind === 'sticker' ? 'Sticker' : 'Image from the customer');
    image.tabIndex = 0;
    const enlarge = () => image.classList.toggle('enlarged');
    image.addEventListener('click', enlarge);
    image.addEventListener('keydown', (event) => { if (event.key === 'Enter') enlarge(); });
    box.append(image);
    mediaUrl(message.id).then((url) => { image.src = url; }).catch(() => { image.alt = 'The image could not be loaded.'; });
  } else if (kind === 'audio' || kind === 'video') {
    const player = document.createElement(kind);
    player.controls = true;
    player.preload = 'metadata';
    box.append(player);
    mediaUrl(message.id).then((url) => { player.src = url; }).catch(reportFailure);
  } else {
    const name = media.filename || `${kind} (${media.mimeType || 'file'})`;
    const link = element('a', 'download', `⬇ ${name}`);
    link.href = '#';
    link.download = media.filename || 'file';
    box.append(link, element('span', 'size', ` ${formatSize(media.size)}`));
    link.addEventListener('click', async (event) => {
      if (link.href.startsWith('blob:')) return;
      event.preventDefault();
      try {
        link.href = await mediaUrl(message.id);
        link.click();
      } catch (error) {
        reportFailure(error);
      }
    });
  }
  return box;
}

// An attached file goes to the business's media endpoint first; the message then names Meta's id.
async function sendAttachment(file, caption) {
  const form = new FormData();
  form.append('file', file, file.name);
  $('composer-notice').textContent = `Uploading ${file.name}…`;
  const response = await fetch(`/api/v1/businesses/${encodeURIComponent(inbox.business)}/media`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${inbox.key}` },
    body: form,
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, json);
  const type = attachmentType(json.mimeType);
  const content = { id: json.id };
  if (caption && type !== 'audio' && type !== 'sticker') content.caption = caption;
  if (type === 'document') content.filename = file.name;
  return send({ type, [type]: content });
}

function attachmentType(mimeType) {
  if (mimeType === 'image/webp') return 'sticker';
  const family = mimeType.split('/')[0];
  return family === 'image' || family === 'audio' || family === 'video' ? family : 'document';
}

function attach(file) {
  inbox.attachment = file || null;
  $('attachment-name').textContent = file ? `Attached: ${file.name} (${formatSize(file.size)}); the text is its caption.` : '';
  $('remove-attachment').hidden = !file;
  $('reply').required = !file;
}

// Reply (quote) and react on a customer message; both go to Meta with the message's wamid.
function messageActions(message) {
  const actions = element('div', 'message-actions');
  const reply = element('button', 'reply-to', 'Reply');
  reply.type = 'button';
  reply.addEventListener('click', () => {
    setReplyTo({ id: message.id, text: messageText(message) });
    $('reply').focus();
  });
  actions.append(reply);
  for (const emoji of reactions) {
    const react = element('button', 'react', emoji);
    react.type = 'button';
    react.setAttribute('aria-label', `React ${emoji}`);
    react.addEventListener('click', () => send({ type: 'reaction', reaction: { message_id: message.id, emoji } }).catch(reportFailure));
    actions.append(react);
  }
  return actions;
}

function setReplyTo(target) {
  inbox.replyTo = target;
  $('replying-to').hidden = !target;
  $('replying-to-text').textContent = target ? `Replying to: ${target.text}` : '';
}

// What the composer sends: a text, or the text with up to three quick reply buttons; quoting the chosen message.
function composedMessage(text) {
  const titles = ['quick-reply-1', 'quick-reply-2', 'quick-reply-3'].map((id) => $(id).value.trim()).filter(Boolean);
  const body = titles.length === 0
    ? { text }
    : {
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text },
        action: { buttons: titles.map((title, i) => ({ type: 'reply', reply: { id: `button-${i + 1}`, title } })) },
      },
    };
  if (inbox.replyTo) body.replyTo = inbox.replyTo.id;
  return body;
}

// Shows "typing…" to the customer while the agent types, refreshed before Meta's 25 s run out.
function showTyping() {
  const contactId = inbox.current;
  if (!contactId || Date.now() - inbox.lastTyping < typingRefreshMs) return;
  inbox.lastTyping = Date.now();
  api(`${conversationPath(contactId)}/typing`, { method: 'POST' }).catch(() => {
    // Best effort: no customer message to answer yet, or Meta refused; the reply itself is unaffected.
  });
}

function showQuickReplies(visible) {
  $('quick-replies').hidden = !visible;
  $('show-quick-replies').setAttribute('aria-expanded', String(visible));
}

// What a message is, in words, for types that have no text.
function messageText(message) {
  if (message.deletedAt) return '[deleted by the customer]';
  const content = message.content || {};
  if (content.call) return `📞 ${message.text || content.call.outcome}`;
  if (message.type === 'group_event') return `[group] ${message.text || ''}`.trim();
  if (content.media) {
    const label = content.media.voice ? 'voice note' : content.media.kind;
    const detail = content.media.caption || content.media.filename || '';
    return `[${label}]${detail ? ` ${detail}` : ''}`;
  }
  if (content.location) return `[location] ${content.location.name || ''} ${content.location.latitude ?? ''},${content.location.longitude ?? ''}`.trim();
  if (content.contacts) return `[${content.contacts.length} contact card(s)]`;
  if (content.selection) {
    // The customer answered with a button or a list row of one of our messages: say what they picked.
    const picked = content.selection.title || content.selection.id || '';
    if (content.selection.kind === 'list_reply') return `Chose “${picked}”`;
    if (content.selection.kind === 'button_reply' || content.selection.kind === 'button') return `Tapped “${picked}”`;
    return `[${content.selection.kind}] ${picked}`;
  }
  if (content.order) return `[order] ${content.order.items?.length ?? 0} item(s) ${content.order.text || ''}`.trim();
  if (content.flow) return `[form answered] ${content.flow.name || ''}`.trim();
  if (content.system) return `[system] ${content.system.body || content.system.type || ''}`;
  if (content.unsupportedType) return `[unsupported: ${content.unsupportedType}]`;
  // Our own reaction is stored as its emoji (or the removal's summary); say whose it is.
  if (message.type === 'reaction' && message.direction === 'outbound' && message.text) {
    return message.text.startsWith('[') ? 'You removed your reaction' : `You reacted ${message.text}`;
  }
  return message.text || `[${message.type}]`;
}

function tickSymbol(status) {
  switch (status) {
    case 'queued': return '🕓';
    case 'accepted': return '✓';
    case 'sent': return '✓';
    case 'delivered': return '✓✓';
    case 'read':
    case 'played': return '✓✓';
    case 'failed': return '⚠ failed';
    case 'unknown': return '? unknown';
    default: return status;
  }
}

// Frames arrive in order and always win. The answer to our own POST can arrive after the first frames about the
// message, so it only adds a message the page does not show yet (it never turns "sent" back into "queued").
function upsertMessage(message, { onlyIfNew = false } = {}) {
  const index = inbox.messages.findIndex((known) => known.id === message.id);
  if (index < 0) inbox.messages.push(message);
  else if (!onlyIfNew) inbox.messages[index] = message;
}

// ---- 24-hour window ----

function windowState(expiresAt) {
  if (!expiresAt) return { open: false, left: 0 };
  const left = new Date(expiresAt).getTime() - Date.now();
  return { open: left > 0, left };
}

function formatLeft(ms) {
  const minutes = Math.floor(ms / 60000);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

function windowShort(expiresAt) {
  const { open, left } = windowState(expiresAt);
  return open ? `${formatLeft(left)} left` : 'window closed';
}

function updateWindow() {
  const conversation = inbox.conversations.get(inbox.current);
  for (const meta of document.querySelectorAll('.conversation-item .meta')) {
    const text = meta.textContent.replace(/(\d+ h \d+ min left|window closed)$/, windowShort(meta.dataset.windowExpiresAt || null));
    if (text !== meta.textContent) meta.textContent = text;
  }
  if (!conversation) return;
  const { open, left } = windowState(conversation.windowExpiresAt);
  const countdown = $('window-countdown');
  countdown.dataset.open = String(open);
  countdown.textContent = open
    ? `Customer service window closes in ${formatLeft(left)}`
    : 'Customer service window closed: only a template can be sent.';
  countdown.classList.toggle('urgent', open && left < 60 * 60 * 1000);
  $('reply').disabled = !open;
  $('send').disabled = !open;
  if (!open) showTemplates(true);
}

// ---- sending ----

function newIdempotencyKey() {
  // crypto.randomUUID needs a secure context; getRandomValues works on plain http too.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `inbox-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

async function send(body) {
  const contactId = inbox.current;
  // A resubmission of the same content after a network error keeps its key: the server sends it at most once.
  if (!inbox.pendingSend || JSON.stringify(inbox.pendingSend.body) !== JSON.stringify(body)) {
    inbox.pendingSend = { body, key: newIdempotencyKey() };
  }
  const notice = $('composer-notice');
  notice.textContent = 'Sending…';
  setSending(true);
  try {
    const message = await api(`${conversationPath(contactId)}/messages`, { method: 'POST', body, idempotencyKey: inbox.pendingSend.key });
    inbox.pendingSend = null;
    notice.textContent = '';
    if (inbox.current === contactId) {
      upsertMessage(message, { onlyIfNew: true });
      renderConversation(inbox.conversations.get(contactId));
    }
    return true;
  } catch (error) {
    if (!(error instanceof ApiError)) {
      notice.textContent = 'Not sent: the gateway could not be reached. Press Send again to retry (it will not be sent twice).';
      return false;
    }
    inbox.pendingSend = null;
    if (error.problem?.needsTemplate) {
      notice.textContent = `${error.message} Choose a template below.`;
      showTemplates(true);
    } else if (error.status === 409) {
      notice.textContent = error.message;
    } else if (error.status === 400 && error.problem?.errors) {
      notice.textContent = problemFields(error.problem.errors);
    } else if (error.status !== 401) {
      notice.textContent = `Not sent: ${error.message}`;
    }
    return false;
  } finally {
    setSending(false);
    updateWindow();
  }
}

// Each field of a 400 with its message, so the agent sees which value to fix (the message may not name it).
function problemFields(errors) {
  return Object.entries(errors)
    .map(([field, messages]) => {
      const text = [messages].flat().join(' ');
      return text.includes(field) ? text : `${field}: ${text}`;
    })
    .join(' ');
}

function setSending(sending) {
  inbox.sending = sending;
  $('send').disabled = sending;
  updateTemplateSendable();
}

// A synced template's form is sent only once every value is filled in: Meta refuses a template with a missing
// parameter (132000), and the form says which ones are still empty.
function updateTemplateSendable() {
  const template = pickedTemplate();
  const missing = Array.isArray(template?.components)
    ? inbox.templateInputs.filter((input) => !input.value.trim()).map((input) => input.labels[0]?.textContent || input.id)
    : [];
  $('template-missing').textContent = missing.length ? `Still to fill in: ${missing.join(', ')}` : '';
  $('send-template').disabled = inbox.sending || !template || missing.length > 0;
}

// Read again each time the picker opens, so a template Meta approved while the page was open is offered. What the
// agent already typed into the picked template's form stays when that template did not change.
async function loadTemplates() {
  const before = pickedTemplate();
  try {
    const page = await api(`/api/v1/businesses/${encodeURIComponent(inbox.business)}/templates`);
    inbox.templates = page.items.filter((template) => template.status === 'APPROVED');
  } catch {
    inbox.templates = [];
  }
  const select = $('template');
  select.replaceChildren(...inbox.templates.map((template) => {
    const option = document.createElement('option');
    option.value = `${template.name}|${template.language}`;
    option.textContent = `${template.name} (${template.language})`;
    return option;
  }));
  if (inbox.templates.length === 0) {
    const option = document.createElement('option');
    option.textContent = 'No approved template known yet';
    option.value = '';
    select.append(option);
  }
  const kept = before && inbox.templates.find((template) => template.name === before.name && template.language === before.language);
  if (kept && JSON.stringify(kept.components) === JSON.stringify(before.components)) {
    select.value = `${kept.name}|${kept.language}`;
    updateTemplatePreview();
    return;
  }
  pickTemplate();
}

function pickedTemplate() {
  const [name, language] = $('template').value.split('|');
  return inbox.templates.find((template) => template.name === name && template.language === language);
}

// A synced template (with components) gets a form per parameter and a preview; one known only from a webhook keeps
// the free parameter list.
function pickTemplate() {
  const template = pickedTemplate();
  const synced = Array.isArray(template?.components);
  inbox.templateInputs = synced ? renderTemplateForm(template, $('template-fields')) : [];
  if (!synced) $('template-fields').replaceChildren();
  $('template-parameters').hidden = synced;
  $('template-parameters-label').hidden = synced;
  for (const input of inbox.templateInputs) input.addEventListener('input', updateTemplatePreview);
  updateTemplatePreview();
}

function updateTemplatePreview() {
  const template = pickedTemplate();
  $('template-preview').textContent = Array.isArray(template?.components) ? templatePreview(template, inbox.templateInputs) : '';
  updateTemplateSendable();
}

function showTemplates(visible) {
  $('template-picker').hidden = !visible;
  $('show-templates').setAttribute('aria-expanded', String(visible));
}

// ---- live feed ----

function connectSocket() {
  closeSocket();
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${location.host}/ws?access_token=${encodeURIComponent(inbox.key)}&business=${encodeURIComponent(inbox.business)}`;
  const socket = new WebSocket(url);
  inbox.socket = socket;
  setLive('connecting', 'Connecting…');
  socket.addEventListener('message', (event) => onFrame(JSON.parse(event.data)));
  socket.addEventListener('close', () => {
    if (inbox.socket !== socket) return;
    inbox.socket = null;
    setLive('offline', 'Offline, reconnecting…');
    const delay = inbox.reconnectDelay;
    inbox.reconnectDelay = Math.min(delay * 2, 15000);
    setTimeout(() => {
      if (inbox.key && inbox.business && !inbox.socket) connectSocket();
    }, delay);
  });
}

function closeSocket() {
  const socket = inbox.socket;
  inbox.socket = null;
  if (socket) socket.close(1000);
}

function setLive(state, text) {
  const live = $('live-status');
  live.dataset.state = state;
  live.textContent = text;
}

async function onFrame(frame) {
  if (frame.type === 'subscribed') {
    inbox.reconnectDelay = 1000;
    setLive(frame.live ? 'live' : 'delayed', frame.live ? 'Live' : 'Live updates delayed');
    // Whatever happened while the socket was away is read again; frames continue from here.
    await loadConversations();
    await refreshConversation();
    return;
  }
  if (frame.type === 'error' || !frame.contactId || frame.phoneNumberId !== inbox.business) return;

  const contactId = frame.contactId;
  const known = inbox.versions.get(contactId);
  if (known !== undefined && frame.version <= known && frame.type !== 'window.expiring') return; // already seen
  const gap = known !== undefined && frame.version > known + 1;
  inbox.versions.set(contactId, Math.max(frame.version, known ?? 0));
  mergeConversation(contactId, { ...frame.conversation, version: frame.version });

  if (contactId === inbox.current) {
    if (gap) {
      await refreshConversation();
      return;
    }
    if (frame.message) upsertMessage(frame.message);
    renderConversation(inbox.conversations.get(contactId));
  }
  renderList();
}

// ---- agent actions ----

async function assign() {
  const agent = $('assignee').value.trim();
  const summary = await api(`${conversationPath(inbox.current)}/assign`, { method: 'POST', body: { agent: agent || null } });
  mergeConversation(inbox.current, summary);
  renderList();
  $('composer-notice').textContent = agent ? `Assigned to ${agent}.` : 'Unassigned.';
}

async function toggleClosed() {
  const conversation = inbox.conversations.get(inbox.current);
  const action = conversation.isOpen === false ? 'reopen' : 'close';
  const summary = await api(`${conversationPath(inbox.current)}/${action}`, { method: 'POST' });
  mergeConversation(inbox.current, summary);
  renderConversation(inbox.conversations.get(inbox.current));
  renderList();
}

// ---- helpers and wiring ----

function element(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

function reportFailure(error) {
  if (error instanceof ApiError && error.status === 401) return;
  $('composer-notice').textContent = `Something went wrong: ${error.message}`;
}

document.addEventListener('DOMContentLoaded', () => {
  $('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('sign-in-error').textContent = '';
    try {
      await signIn($('api-key').value.trim());
      $('api-key').value = '';
    } catch (error) {
      if (!(error instanceof ApiError)) $('sign-in-error').textContent = `The gateway could not be reached: ${error.message}`;
    }
  });
  $('sign-out').addEventListener('click', () => signOut());
  $('business').addEventListener('change', (event) => selectBusiness(event.target.value).catch(reportFailure));
  $('back').addEventListener('click', () => {
    document.querySelector('.panes').dataset.view = 'list';
    document.querySelector(`.conversation-item[data-contact-id="${CSS.escape(inbox.current || '')}"]`)?.focus();
  });
  $('composer').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $('reply').value;
    if (inbox.attachment) {
      try {
        if (await sendAttachment(inbox.attachment, text.trim())) {
          $('reply').value = '';
          attach(null);
        }
      } catch (error) {
        reportFailure(error);
      }
      return;
    }
    if (!text.trim()) return;
    if (await send(composedMessage(text))) {
      $('reply').value = '';
      setReplyTo(null);
      for (const id of ['quick-reply-1', 'quick-reply-2', 'quick-reply-3']) $(id).value = '';
      showQuickReplies(false);
      inbox.lastTyping = 0;
    }
  });
  $('attach').addEventListener('change', (event) => attach(event.target.files[0]));
  $('remove-attachment').addEventListener('click', () => { $('attach').value = ''; attach(null); });
  const conversationPane = $('conversation');
  conversationPane.addEventListener('dragover', (event) => {
    if (!$('composer').hidden && event.dataTransfer?.types.includes('Files')) {
      event.preventDefault();
      conversationPane.classList.add('dropping');
    }
  });
  conversationPane.addEventListener('dragleave', () => conversationPane.classList.remove('dropping'));
  conversationPane.addEventListener('drop', (event) => {
    conversationPane.classList.remove('dropping');
    if ($('composer').hidden || !event.dataTransfer?.files.length) return;
    event.preventDefault();
    attach(event.dataTransfer.files[0]);
  });
  $('reply').addEventListener('input', showTyping);
  $('cancel-reply').addEventListener('click', () => setReplyTo(null));
  $('show-quick-replies').addEventListener('click', () => showQuickReplies($('quick-replies').hidden));
  $('reply').addEventListener('keydown', (event) => {
    // Enter sends, Shift+Enter starts a new line (as in other chat tools).
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $('composer').requestSubmit();
    }
  });
  $('show-templates').addEventListener('click', () => {
    const opening = $('template-picker').hidden;
    showTemplates(opening);
    if (opening) loadTemplates().catch(reportFailure);
  });
  $('template').addEventListener('change', pickTemplate);
  $('send-template').addEventListener('click', async () => {
    const [name, language] = $('template').value.split('|');
    if (!name) return;
    const template = pickedTemplate();
    if (Array.isArray(template?.components)) {
      if (await send(templateSendBody(template, inbox.templateInputs))) pickTemplate();
      return;
    }
    const parameters = $('template-parameters').value.split('\n').map((line) => line.trim()).filter(Boolean);
    if (await send({ template: { name, language, parameters } })) $('template-parameters').value = '';
  });
  $('assign').addEventListener('click', () => assign().catch(reportFailure));
  $('close-conversation').addEventListener('click', () => toggleClosed().catch(reportFailure));
  setInterval(updateWindow, 15000);

  const saved = sessionStorage.getItem(keyStorage);
  if (saved) signIn(saved).catch(() => signOut());
  else $('api-key').focus();
});
