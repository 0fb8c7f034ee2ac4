/**
 * The `command` input: a JSON array of strings (what aws-actions accepts), or a command line split
 * into words the way a POSIX shell splits them — quotes and backslashes honoured, nothing expanded,
 * so `$HOME` and `${ECS_CLUSTER}` reach the container literally.
 */

import { parseStrictJson } from '../lib/strict-json.js';

export type CommandParse = { ok: true; words: string[] } | { ok: false; problem: string };

export function parseCommand(text: string): CommandParse {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) return parseJsonCommand(trimmed);
  return splitShellWords(trimmed);
}

function parseJsonCommand(text: string): CommandParse {
  // Strict and position-only: JSON.parse's message would quote the text around the fault, which
  // may be part of a secret passed on the command line.
  const result = parseStrictJson(text);
  if (!result.ok) {
    return {
      ok: false,
      problem: `starts with '[' but is not a JSON array (${result.problem} at line ${result.line}, column ${result.column})`,
    };
  }
  const parsed = result.value;
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((word): word is string => typeof word === 'string')) {
    return { ok: false, problem: 'is not a non-empty JSON array of strings' };
  }
  return { ok: true, words: parsed };
}

/** Splits like `sh` does, without expansions: '…' is literal, "…" honours \" \\ \$ \`, \x outside quotes is x. */
export function splitShellWords(text: string): CommandParse {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] ?? '';
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1] ?? '')) {
        i += 1;
        if (text[i] !== '\n') word += text[i];
      } else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      inWord = true;
    } else if (char === '\\') {
      if (i + 1 >= text.length) return { ok: false, problem: 'ends with a lone backslash' };
      i += 1;
      // A backslash-newline continues the line, as in a shell script.
      if (text[i] !== '\n') {
        word += text[i];
        inWord = true;
      }
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote !== undefined) return { ok: false, problem: `has an unterminated ${quote === '"' ? 'double' : 'single'} quote` };
  if (inWord) words.push(word);
  if (words.length === 0) return { ok: false, problem: 'has no words' };
  return { ok: true, words };
}
