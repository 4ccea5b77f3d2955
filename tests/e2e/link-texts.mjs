// A name as each sharing format must write it in a link's text, for tests to compare against.

/** Markdown: a backslash before every character it could read as syntax. */
export const markdownName = (name) => name.replace(/[\\`*_[\]()<>&~|]/g, (c) => `\\${c}`);

/** HTML: the five characters that could start markup or end an attribute, as entities. */
export const htmlName = (name) => name.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  .replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Slack: only `&`, `<` and `>` have escapes. */
export const slackName = (name) => name.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  .replace(/>/g, '&gt;');

/** A name on one line, as the link text carries it: spaces and line breaks squeezed. */
export const oneLine = (name) => name.trim().replace(/\s+/g, ' ');
