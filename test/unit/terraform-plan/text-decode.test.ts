import { readFileSync } from 'node:fs';
import { cleanText, decodeText, readPlanBytes, stripAnsi } from '../../../src/terraform-plan/text-decode.js';
import { PLAN_FIXTURES } from './fixture-files.js';

const path = (name: string) => PLAN_FIXTURES.find((fixture) => fixture.name === name);

test('ANSI colour is stripped exactly: the coloured text equals the -no-color oracle', () => {
  const coloured = readPlanBytes(readFileSync(path('azuredevops (ANSI text)')?.text ?? ''));
  const plain = readPlanBytes(readFileSync(path('azuredevops (no-color text)')?.text ?? ''));
  expect(coloured).not.toContain('\u001b');
  expect(coloured).toBe(plain);
});

test('UTF-16LE with BOM and CRLF becomes clean UTF-8 JSON', () => {
  const text = readPlanBytes(readFileSync(path('UTF-16 with BOM')?.json ?? ''));
  expect(text.startsWith('{')).toBe(true);
  expect(text).not.toContain('\r');
  expect(JSON.parse(text)).toHaveProperty('format_version', '1.1');
});

test.each([
  ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('{"a":1}', 'utf16le').swap16()])],
  ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')])],
  ['UTF-16LE without BOM', Buffer.from('{"a":1}', 'utf16le')],
  ['plain UTF-8', Buffer.from('{"a":1}')],
])('%s', (_name, input) => {
  expect(decodeText(input)).toBe('{"a":1}');
});

test('CR-only and CRLF line ends become LF; OSC hyperlinks go too', () => {
  expect(cleanText('\uFEFFa\r\nb\rc')).toBe('a\nb\nc');
  expect(stripAnsi('\u001b]8;;https://x\u0007link\u001b]8;;\u0007 \u001b[1;31mred\u001b[0m')).toBe('link red');
});
