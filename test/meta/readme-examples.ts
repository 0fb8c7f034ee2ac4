import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PROJECT_ROOT, readActionMetadata } from '../../sandbox/runner/run-action.js';
import { parseReusableWorkflow } from '../../sandbox/runner/workflow-runner.js';

/**
 * The usage examples of every README, as a user copies them: each fenced yaml block that uses one of
 * this suite's actions or reusable workflows, parsed with `yaml`, and its `uses:` steps in order.
 */

/** How a user references an action or workflow of this suite: `<owner>/ecs-delivery/…@<ref>`. */
const ACTION_REF = /^[\w.-]+\/ecs-delivery\/actions\/([a-z0-9-]+)@\S+$/;
const WORKFLOW_REF = /^[\w.-]+\/ecs-delivery\/(\.github\/workflows\/[\w.-]+\.ya?ml)@\S+$/;
/** A block is an example of ours when one of its `uses:` names the suite, or the repository-local form. */
const OURS = /uses:\s*(?:\S*\/ecs-delivery\/(?:actions|\.github\/workflows)\/|\.\/actions\/)/;

export interface ExampleStep {
  uses: string;
  kind: 'action' | 'workflow' | 'third-party';
  /** The action's directory name, or the workflow's path in the repository. */
  target?: string;
  id?: string;
  with: Record<string, unknown>;
}

export interface Example {
  /** `<readme path>#<n>`: the n-th example (from 1) of that README. */
  key: string;
  file: string;
  line: number;
  steps: ExampleStep[];
  /** The block's own `on:` trigger, when it is a whole workflow. */
  eventName?: string;
}

/** README.md, actions/<name>/README.md and any README under action-templates/. */
export function readmeFiles(): string[] {
  const templates = readdirSync(join(PROJECT_ROOT, 'action-templates'), { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('README.md'))
    .map((file) => join('action-templates', file));
  const actions = readdirSync(join(PROJECT_ROOT, 'actions'))
    .map((name) => join('actions', name, 'README.md'))
    .filter((file) => existsSync(join(PROJECT_ROOT, file)));
  return ['README.md', ...actions, ...templates].sort();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every mapping with a string `uses:`, in document order (steps, or jobs calling a workflow). */
function usesMappings(value: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) for (const item of value) usesMappings(item, found);
  else if (isRecord(value)) {
    if (typeof value.uses === 'string') found.push(value);
    else for (const child of Object.values(value)) usesMappings(child, found);
  }
  return found;
}

function toStep(mapping: Record<string, unknown>): ExampleStep {
  const uses = String(mapping.uses);
  const action = ACTION_REF.exec(uses);
  const workflow = WORKFLOW_REF.exec(uses);
  const kind = action ? 'action' : workflow ? 'workflow' : 'third-party';
  if (kind === 'third-party' && /ecs-delivery|^\.\//.test(uses)) {
    throw new Error(`uses: ${uses} is not the published form <owner>/ecs-delivery/actions/<name>@<ref>`);
  }
  const target = action?.[1] ?? workflow?.[1];
  const withValue = mapping.with ?? {};
  if (!isRecord(withValue)) throw new Error(`uses: ${uses} has a with: that is not a mapping`);
  return { uses, kind, ...(target ? { target } : {}), ...(typeof mapping.id === 'string' ? { id: mapping.id } : {}), with: withValue };
}

export function examplesOf(file: string): Example[] {
  return examplesIn(file, readFileSync(join(PROJECT_ROOT, file), 'utf8'));
}

/** The examples in a README's text (`file` names it in keys and errors). */
export function examplesIn(file: string, text: string): Example[] {
  const examples: Example[] = [];
  for (const match of text.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)) {
    const block = match[1] ?? '';
    if (!OURS.test(block)) continue;
    const line = text.slice(0, match.index).split('\n').length + 1;
    const key = `${file}#${examples.length + 1}`;
    let doc: unknown;
    try {
      doc = parseYaml(block);
    } catch (error) {
      throw new Error(`${file}:${line}: the example is not valid YAML: ${String(error)}`);
    }
    const on = isRecord(doc) ? doc.on : undefined;
    const eventName = typeof on === 'string' ? on : isRecord(on) ? Object.keys(on)[0] : undefined;
    examples.push({ key, file, line, steps: usesMappings(doc).map(toStep), ...(eventName ? { eventName } : {}) });
  }
  return examples;
}

/** What is wrong with a step's `with:` for the action or workflow it calls: undeclared and missing required inputs. */
export async function inputProblems(step: ExampleStep): Promise<string[]> {
  if (step.kind === 'third-party' || !step.target) return [];
  const declared: Record<string, { required: boolean; hasDefault: boolean }> = {};
  if (step.kind === 'action') {
    const inputs = (readActionMetadata(step.target).inputs ?? {}) as Record<string, { required?: boolean; default?: unknown }>;
    for (const [name, spec] of Object.entries(inputs)) {
      declared[name] = { required: spec.required === true, hasDefault: spec.default !== undefined };
    }
  } else {
    const workflow = await parseReusableWorkflow(step.target);
    const inputs = workflow.template.events.workflow_call?.inputs;
    if (!inputs) return [`${step.target} is not a reusable workflow (no on.workflow_call)`];
    for (const [name, spec] of Object.entries(inputs)) {
      declared[name] = { required: spec.required === true, hasDefault: spec.default !== undefined };
    }
  }
  const given = Object.keys(step.with);
  return [
    ...given.filter((name) => !(name in declared)).map((name) => `${step.target} declares no input '${name}'`),
    ...Object.entries(declared)
      .filter(([name, spec]) => spec.required && !spec.hasDefault && !given.includes(name))
      .map(([name]) => `${step.target} requires input '${name}', which the example does not give`),
  ];
}

/** A starter workflow (action-templates/*.yml) is an example too: the whole file, as the user copies it. */
export function starterExample(file: string): Example {
  const doc: unknown = parseYaml(readFileSync(join(PROJECT_ROOT, file), 'utf8'));
  return { key: file, file, line: 1, steps: usesMappings(doc).map(toStep) };
}
