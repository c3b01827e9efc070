// Template picker form: builds inputs for a synced template's parameters (header media or text, named or positional
// body variables, URL-suffix and copy-code buttons), a live preview, and the send body. Meta's template-send object
// is the interface; a template with only positional body text also goes as the short form. Values are only ever set
// as textContent or input values, never parsed as HTML.

const variablePattern = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

function variables(text) {
  const seen = [];
  for (const match of (text || '').matchAll(variablePattern)) {
    if (!seen.includes(match[1])) seen.push(match[1]);
  }
  return seen;
}

function part(template, type) {
  return (template.components || []).find((component) => (component.type || '').toUpperCase() === type);
}

/** What the template asks for: one entry per input, in display order. */
export function templateFields(template) {
  const fields = [];
  const header = part(template, 'HEADER');
  if (header) {
    const format = (header.format || 'TEXT').toUpperCase();
    if (['IMAGE', 'VIDEO', 'DOCUMENT'].includes(format)) {
      fields.push({ role: 'header-media', media: format.toLowerCase(), label: `Header ${format.toLowerCase()}: link or media id` });
    } else if (format === 'TEXT') {
      for (const name of variables(header.text)) fields.push({ role: 'header', name, label: `Header {{${name}}}` });
    }
  }
  const body = part(template, 'BODY');
  for (const name of variables(body?.text)) fields.push({ role: 'body', name, label: `{{${name}}}` });
  (part(template, 'BUTTONS')?.buttons || []).forEach((button, index) => {
    const type = (button.type || '').toUpperCase();
    if (type === 'URL' && variables(button.url).length > 0) fields.push({ role: 'button', index, kind: 'text', subType: 'url', label: `Button “${button.text}” link suffix` });
    if (type === 'COPY_CODE') fields.push({ role: 'button', index, kind: 'coupon_code', subType: 'copy_code', label: `Button “${button.text || 'Copy code'}” code` });
    if (type === 'OTP') fields.push({ role: 'button', index, kind: 'text', subType: 'url', label: 'One-time password' });
  });
  return fields;
}

/** Replaces the form's inputs with those of template; returns the inputs in field order. */
export function renderTemplateForm(template, container) {
  container.replaceChildren();
  const inputs = templateFields(template).map((field, i) => {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.id = `template-field-${i}`;
    input.dataset.role = field.role;
    label.htmlFor = input.id;
    label.textContent = field.label;
    container.append(label, input);
    return input;
  });
  return inputs;
}

/** The template's header, body, footer and button labels with the values filled in (missing ones stay {{…}}). */
export function previewText(template, inputs) {
  const fields = templateFields(template);
  const valueOf = (role, name) => {
    const i = fields.findIndex((field) => field.role === role && field.name === name);
    return i >= 0 && inputs[i].value.trim() ? inputs[i].value.trim() : `{{${name}}}`;
  };
  const fill = (text, role) => (text || '').replace(variablePattern, (_, name) => valueOf(role, name));
  const lines = [];
  const header = part(template, 'HEADER');
  if (header) {
    const format = (header.format || 'TEXT').toUpperCase();
    lines.push(format === 'TEXT' ? fill(header.text, 'header') : `[${format.toLowerCase()}]`);
  }
  lines.push(fill(part(template, 'BODY')?.text, 'body'));
  const footer = part(template, 'FOOTER');
  if (footer?.text) lines.push(footer.text);
  const buttons = (part(template, 'BUTTONS')?.buttons || []).map((button) => `[${button.text || button.type}]`);
  if (buttons.length) lines.push(buttons.join(' '));
  return lines.filter(Boolean).join('\n');
}

/**
 * The send body: the short form when only positional body text is asked for (what every gateway version takes),
 * otherwise Meta's template object with its components.
 */
export function templateSendBody(template, inputs) {
  const fields = templateFields(template);
  const named = (template.parameterFormat || '').toUpperCase() === 'NAMED';
  const language = template.language;
  if (fields.every((field) => field.role === 'body') && !named) {
    return { template: { name: template.name, language, parameters: inputs.map((input) => input.value.trim()) } };
  }
  const components = [];
  const textParameter = (field, input) => (named && field.name ? { type: 'text', parameter_name: field.name, text: input.value.trim() } : { type: 'text', text: input.value.trim() });
  const headerParameters = [];
  const bodyParameters = [];
  fields.forEach((field, i) => {
    const input = inputs[i];
    if (field.role === 'header-media') {
      const value = input.value.trim();
      headerParameters.push({ type: field.media, [field.media]: /^https?:\/\//.test(value) ? { link: value } : { id: value } });
    } else if (field.role === 'header') {
      headerParameters.push(textParameter(field, input));
    } else if (field.role === 'body') {
      bodyParameters.push(textParameter(field, input));
    } else if (field.role === 'button') {
      components.push({ type: 'button', sub_type: field.subType, index: String(field.index), parameters: [{ type: field.kind, [field.kind]: input.value.trim() }] });
    }
  });
  if (headerParameters.length) components.unshift({ type: 'header', parameters: headerParameters });
  if (bodyParameters.length) components.splice(headerParameters.length ? 1 : 0, 0, { type: 'body', parameters: bodyParameters });
  return { type: 'template', template: { name: template.name, language: { code: language }, components } };
}
