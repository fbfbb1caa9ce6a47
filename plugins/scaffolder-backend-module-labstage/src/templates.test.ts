import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import {
  TemplateEntityV1beta3,
  templateEntityV1beta3Validator,
} from '@backstage/plugin-scaffolder-common';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { buildOrgEntities } from '@internal/backstage-plugin-catalog-backend-module-labstage-org';
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { registeredActions } from './__testUtils__/registeredActions';

const repoRoot = path.resolve(__dirname, '../../..');
const templatesDir = path.join(repoRoot, 'templates');
const templateFolders = fs
  .readdirSync(templatesDir, { withFileTypes: true })
  .filter(e => e.isDirectory())
  .map(e => e.name)
  .sort();

/** Scaffolder builtins a template may use besides this module's actions. */
const BUILTIN_ACTIONS = new Set(['debug:log', 'debug:wait']);

function readTemplate(folder: string): TemplateEntityV1beta3 {
  const text = fs.readFileSync(
    path.join(templatesDir, folder, 'template.yaml'),
    'utf8',
  );
  const documents = parseAllDocuments(text);
  expect(documents).toHaveLength(1);
  expect(documents[0].errors).toEqual([]);
  return documents[0].toJS() as TemplateEntityV1beta3;
}

/** Every `${{ ... }}` expression anywhere in `value`. */
function expressions(value: unknown): string[] {
  if (typeof value === 'string') {
    return [...value.matchAll(/\$\{\{(.*?)\}\}/gs)].map(m => m[1].trim());
  }
  if (Array.isArray(value)) {
    return value.flatMap(expressions);
  }
  if (value && typeof value === 'object') {
    return Object.values(value).flatMap(expressions);
  }
  return [];
}

function parameterNames(template: TemplateEntityV1beta3): Set<string> {
  const pages = [template.spec.parameters ?? []].flat() as Array<{
    properties?: Record<string, unknown>;
  }>;
  return new Set(pages.flatMap(p => Object.keys(p.properties ?? {})));
}

/**
 * What in a template's steps and output would fail at run time: unknown
 * actions, inputs an action does not declare (or required ones missing),
 * undeclared parameters, and outputs of steps that did not run before or
 * whose action does not declare them.
 */
function templateProblems(
  template: TemplateEntityV1beta3,
  actions: Map<string, TemplateAction<any, any, any>>,
): string[] {
  const problems: string[] = [];
  const params = parameterNames(template);
  const earlierSteps = new Map<string, TemplateAction<any, any, any>>();
  const checkExpressions = (where: string, value: unknown) => {
    for (const expression of expressions(value)) {
      const reference = expression.split('|')[0].trim();
      const parameter = /^parameters\.(\w+)$/.exec(reference);
      const output = /^steps\.([\w-]+)\.output\.(\w+)$/.exec(reference);
      if (parameter && !params.has(parameter[1])) {
        problems.push(`${where}: no parameter ${parameter[1]}`);
      } else if (output) {
        const [, stepId, key] = output;
        const action = earlierSteps.get(stepId);
        const outputs = Object.keys(action?.schema?.output?.properties ?? {});
        if (!outputs.includes(key)) {
          problems.push(
            `${where}: no output ${key} of an earlier step ${stepId}`,
          );
        }
      } else if (!parameter) {
        problems.push(`${where}: unexpected expression ${expression}`);
      }
    }
  };
  for (const step of template.spec.steps) {
    const where = `step ${step.id}`;
    const action = actions.get(step.action);
    if (!action && !BUILTIN_ACTIONS.has(step.action)) {
      problems.push(`${where}: no action ${step.action}`);
    }
    if (action) {
      const given = Object.keys(step.input ?? {});
      const declared = Object.keys(action.schema?.input?.properties ?? {});
      const required = (action.schema?.input?.required ?? []) as string[];
      for (const key of given.filter(k => !declared.includes(k))) {
        problems.push(`${where}: ${step.action} has no input ${key}`);
      }
      for (const key of required.filter(k => !given.includes(k))) {
        problems.push(`${where}: ${step.action} needs input ${key}`);
      }
    }
    checkExpressions(where, step.input);
    if (action) {
      earlierSteps.set(step.id!, action);
    }
  }
  checkExpressions('output', template.spec.output);
  return problems;
}

describe('templates/', () => {
  let actions: Map<string, TemplateAction<any, any, any>>;
  beforeAll(async () => {
    actions = new Map((await registeredActions()).actions.map(a => [a.id, a]));
  });

  it('holds the three Labstage templates', () => {
    expect(templateFolders).toEqual([
      'clone-desktop-for-students',
      'create-course-with-environment',
      'publish-desktop-environment',
    ]);
  });

  describe.each(templateFolders)('%s/template.yaml', folder => {
    const template = readTemplate(folder);

    it('is a valid Template entity named after its folder', async () => {
      const policy = EntityPolicies.allOf([
        new DefaultNamespaceEntityPolicy(),
        new NoForeignRootFieldsEntityPolicy(),
        new FieldFormatEntityPolicy(),
        new SchemaValidEntityPolicy(),
      ]);
      const entity = await policy.enforce(template as Entity);
      expect(entity).toBeDefined();
      expect(await templateEntityV1beta3Validator.check(entity!)).toBe(true);
      expect(template.metadata.name).toBe(folder);
      expect(template.spec.type).toBe('course-environment');
    });

    it('is owned by a group the Labstage org module publishes, and shown to instructors', () => {
      const groups = buildOrgEntities([], [])
        .filter(e => e.kind === 'Group')
        .map(e => stringifyEntityRef(e));
      expect(groups).toContain(template.spec.owner);
      expect(template.spec.owner).toBe('group:default/instructors');
      expect(template.metadata.labels?.['labstage.io/audience']).toBe(
        'instructors',
      );
    });

    it("uses only registered actions, their inputs, declared parameters and earlier steps' outputs", () => {
      expect(templateProblems(template, actions)).toEqual([]);
    });
  });
});

describe('templates/ in the catalog, from the locations in app-config.yaml', () => {
  it('ingests every template through the configured file location', async () => {
    // The catalog config as the backend gets it, file targets resolved from
    // packages/backend (the backend's working directory) as the catalog does.
    const { catalog } = parse(
      fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'),
    );
    const locations = (
      catalog.locations as Array<{ type: string; target: string }>
    ).map(l => ({
      ...l,
      target:
        l.type === 'file'
          ? path.resolve(repoRoot, 'packages/backend', l.target)
          : l.target,
    }));
    expect(locations.some(l => l.target.includes('templates'))).toBe(true);

    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        scaffolderEntityModel,
        mockServices.rootConfig.factory({
          data: { catalog: { ...catalog, locations } },
        }),
      ],
    });
    try {
      const { port } = backend.server.address() as AddressInfo;
      const deadline = Date.now() + 30_000;
      let names: string[] = [];
      while (Date.now() < deadline) {
        const response = await fetch(
          `http://127.0.0.1:${port}/api/catalog/entities/by-query?filter=kind=template`,
        );
        const body = (await response.json()) as { items?: Entity[] };
        names = (body.items ?? []).map(e => e.metadata.name).sort();
        if (names.length >= templateFolders.length) {
          break;
        }
        await new Promise(resolve => setTimeout(resolve, 200));
      }
      expect(names).toEqual(templateFolders);
    } finally {
      await backend.stop();
    }
  }, 60_000);
});
