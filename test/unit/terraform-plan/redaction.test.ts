import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzePlan } from '../../../src/terraform-plan/analyze.js';
import { findConfigSecrets, scrubDiagnostics } from '../../../src/terraform-plan/config-secrets.js';
import { hclItems, literals } from '../../../src/terraform-plan/hcl-scan.js';
import { redactionNote } from '../../../src/terraform-plan/redact-plan.js';
import { scrubText } from '../../../src/terraform-plan/sensitive.js';

/** Sensitive values found by name, inside strings, and from configuration without a plan. */

const plan = (resources: unknown[], extra: Record<string, unknown> = {}) =>
  Buffer.from(JSON.stringify({ format_version: '1.2', resource_changes: resources, ...extra }));

const resource = (name: string, after: unknown, afterSensitive: unknown = {}) => ({
  address: `terraform_data.${name}`,
  mode: 'managed',
  type: 'terraform_data',
  name,
  change: { actions: ['create'], before: null, after, after_unknown: {}, before_sensitive: false, after_sensitive: afterSensitive },
});

describe('redacting the plan', () => {
  const analyzed = analyzePlan(
    plan(
      [
        resource('marked', { input: 'marked-secret-1234' }, { input: true }),
        resource('embedded', { input: '{"token":"marked-secret-1234","host":"db"}' }),
        resource('named', { input: { password: 'hunter22', user: 'app', token_ttl: 30, client_secret: '' } }),
      ],
      {
        variables: { pw: { value: 'variable-secret-77' }, region: { value: 'eu-west-1' } },
        configuration: { root_module: { variables: { pw: { sensitive: true }, region: {} } } },
      },
    ),
  );
  const afterOf = (address: string) => analyzed.summary.resources.find((entry) => entry.address === address)?.resource.change.after;

  test('marked, embedded and named values become the placeholder, and are counted', () => {
    expect(afterOf('terraform_data.marked')).toEqual({ input: '(sensitive value)' });
    expect(afterOf('terraform_data.embedded')).toEqual({ input: '(sensitive value)' });
    // Named by its own key; an empty value hides nothing; a ttl is not a token.
    expect(afterOf('terraform_data.named')).toEqual({
      input: { password: '(sensitive value)', user: 'app', token_ttl: 30, client_secret: '' },
    });
    expect(analyzed.redactions).toEqual({ marked: 1, named: 1, embedded: 1 });
    expect(analyzed.secrets).toEqual(expect.arrayContaining(['marked-secret-1234', 'variable-secret-77', 'hunter22']));
    expect(analyzed.secrets).not.toContain('eu-west-1');
    expect(redactionNote(analyzed.redactions)).toBe(
      '🔒 3 values shown as `(sensitive value)`: 1 marked sensitive by Terraform; 1 unmarked, but under an attribute whose name says secret (password, token, private_key, …); 1 unmarked string containing a sensitive value.',
    );
  });

  test('the unkeyed checksum ignores sensitive values; the keyed one covers them', () => {
    const variant = (secret: string, key?: string) =>
      analyzePlan(plan([resource('marked', { input: secret }, { input: true })]), undefined, key === undefined ? {} : { checksumKey: key });
    expect(variant('one-secret').checksum).toBe(variant('another-secret').checksum);
    expect(variant('one-secret').digests).toEqual(variant('another-secret').digests);
    const key = 'a-repository-secret-of-32-chars!';
    expect(variant('one-secret', key).checksum).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(variant('one-secret', key).checksum).not.toBe(variant('another-secret', key).checksum);
    expect(variant('one-secret', key).checksum).not.toBe(variant('one-secret', `${key}x`).checksum);
  });

  test('text: escaped forms inside JSON strings are scrubbed too', () => {
    const secret = 'quote"d-secret';
    const text = `doc = "{\\"token\\":\\"quote\\\\\\"d-secret\\"}"\nplain ${secret}`;
    expect(scrubText(text, [secret])).not.toMatch(/quote.{0,4}d-secret/);
  });

  test('a format 0.x plan is read, with a warning saying what it lacks', () => {
    const old = analyzePlan(Buffer.from(JSON.stringify({ format_version: '0.2', resource_changes: [resource('a', { input: 'x' })] })));
    expect(old.summary.counts.add).toBe(1);
    expect(old.warnings).toEqual([
      expect.stringContaining('format_version 0.2 (Terraform 1.0 or earlier), which does not record moves, imports'),
    ]);
  });
});

describe('sensitive values without a plan', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'config-secrets-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('HCL scanning follows strings, heredocs, templates and comments', () => {
    const items = hclItems(`
# variable "commented" { sensitive = true }
variable "a" {
  description = "a { brace } and \\"quotes\\""
  default = { key = "x\${var.y}z", n = 1234 } // trailing
  sensitive = true
}
locals { text = <<-EOT
    } not a brace
    EOT
}
name = "value" # comment
`);
    expect(items.map((item) => [item.kind, ...item.words])).toEqual([
      ['block', 'variable', 'a'],
      ['block', 'locals'],
      ['attribute', 'name'],
    ]);
    const body = hclItems(items[0]?.body ?? '');
    expect(body.find((item) => item.words[0] === 'default')?.body).toBe('{ key = "x${var.y}z", n = 1234 }');
    expect(literals('{ key = "x${var.y}z", n = 1234 }')).toEqual(['x${var.y}z', 'x', 'z', '1234']);
    expect(literals('<<-EOT\n    line one\n      line two\n    EOT')).toEqual(['line one\n  line two']);
  });

  test('values of sensitive variables come from defaults, var-files, auto tfvars, TF_VAR_* and the variables input', () => {
    writeFileSync(
      join(dir, 'variables.tf'),
      'variable "pw" {\n  sensitive = true\n  default = "from-default"\n}\nvariable "region" {\n  default = "eu-west-1"\n}\n',
    );
    writeFileSync(join(dir, 'extra.tf.json'), JSON.stringify({ variable: { key: { sensitive: true, default: { a: 'json-default' } } } }));
    writeFileSync(join(dir, 'terraform.tfvars'), 'pw = <<EOT\nfrom-heredoc\nEOT\nregion = "us-east-1"\n');
    writeFileSync(join(dir, 'x.auto.tfvars.json'), JSON.stringify({ key: 'from-auto-json' }));
    writeFileSync(join(dir, 'given.tfvars'), 'pw = "from-var-file"\n');
    const found = findConfigSecrets({
      workingDirectory: dir,
      varFiles: [join(dir, 'given.tfvars')],
      variables: [
        { key: 'pw', value: 'from-input' },
        { key: 'region', value: 'not-secret' },
      ],
      environment: { TF_VAR_key: 'from-env', TF_VAR_region: 'eu-central-1' },
    });
    expect([...found.sensitive].sort()).toEqual(['key', 'pw']);
    expect([...found.plain]).toEqual(['region']);
    expect(found.values.sort()).toEqual(
      ['from-default', 'json-default', 'from-heredoc', 'from-auto-json', 'from-var-file', 'from-input', 'from-env'].sort(),
    );
  });

  test('diagnostics keep only values of variables declared non-sensitive', () => {
    const diagnostic = [
      '    ├────────────────',
      '    │ var.pin is "1234"',
      '    │ var.region is "eu-west-1"',
      '    │ var.unknown_to_the_scan["a"] is "x"',
    ].join('\n');
    expect(scrubDiagnostics(diagnostic, { plain: new Set(['region']) })).toBe(
      [
        '    ├────────────────',
        '    │ var.pin is (sensitive value)',
        '    │ var.region is "eu-west-1"',
        '    │ var.unknown_to_the_scan["a"] is (sensitive value)',
      ].join('\n'),
    );
  });
});
