import { stringifyEntityRef } from '@backstage/catalog-model';
import request from 'supertest';
import { serviceHeader, userHeader } from '../__testUtils__/auth';
import {
  expectedEntityCount,
  startCatalogBackend,
} from '../__testUtils__/catalogTestBackend';
import { bioGroup, cs101Group, testAccounts } from '../__testUtils__/fixtures';

/**
 * Red team: what a student (and an instructor) can pull out of the real
 * catalog through `/api/catalog`, with the Labstage org provider and the real
 * Labstage policy. alice is a student of CS101 (teacher; alice, bob); BIO
 * (tina; carol) is not hers.
 */

const cs101 = `group:default/${cs101Group}`;
const bio = `group:default/${bioGroup}`;
const allEmails = testAccounts.map(u => u.email).sort();

type Backend = Awaited<ReturnType<typeof startCatalogBackend>>;
let backend: Backend;

beforeAll(async () => {
  backend = await startCatalogBackend();
}, 60_000);

afterAll(async () => {
  await backend?.stop();
});

function get(path: string, auth: string) {
  return request(backend.server)
    .get(`/api/catalog${path}`)
    .set('Authorization', auth);
}

function post(path: string, auth: string, body: object) {
  return request(backend.server)
    .post(`/api/catalog${path}`)
    .set('Authorization', auth)
    .send(body);
}

/** Every e-mail address anywhere in a response body. */
function emailsIn(text: string): string[] {
  return [...new Set(text.match(/[a-z0-9._+-]+@example\.com/gi) ?? [])].sort();
}

function refsOf(entities: any[]): string[] {
  return entities
    .filter(Boolean)
    .map(e => stringifyEntityRef(e))
    .sort();
}

/** The read routes a browser can reach, with filters aimed at others. */
const probes: Array<[string, (auth: string) => request.Test]> = [
  ['entities', a => get('/entities', a)],
  ['entities?filter=kind=user', a => get('/entities?filter=kind=user', a)],
  [
    'entities?filter=spec.profile.email=bob@example.com',
    a => get('/entities?filter=spec.profile.email=bob@example.com', a),
  ],
  ['entities/by-query', a => get('/entities/by-query?limit=500', a)],
  [
    'entities/by-query?filter=kind=group',
    a => get('/entities/by-query?filter=kind=group', a),
  ],
  [
    'entities/by-query?fullTextFilterTerm=example.com',
    a => get('/entities/by-query?fullTextFilterTerm=example.com', a),
  ],
  [
    'entities/by-query?filter=relations.memberof=<bio>',
    a => get(`/entities/by-query?filter=relations.memberof=${bio}`, a),
  ],
  [
    'entities/by-name/user/default/bob',
    a => get('/entities/by-name/user/default/bob', a),
  ],
  [
    'entities/by-name/user/default/teacher',
    a => get('/entities/by-name/user/default/teacher', a),
  ],
  [
    'entities/by-name/group/default/<bio>',
    a => get(`/entities/by-name/group/default/${bioGroup}`, a),
  ],
  [
    'entities/by-name/user/default/bob/ancestry',
    a => get('/entities/by-name/user/default/bob/ancestry', a),
  ],
  [
    'entities/by-refs (every user)',
    a =>
      post('/entities/by-refs', a, {
        entityRefs: testAccounts.map(u => u.userEntityRef),
      }),
  ],
  [
    'entity-facets?facet=spec.profile.email',
    a => get('/entity-facets?facet=spec.profile.email&facet=metadata.name', a),
  ],
];

describe('catalog read as a student (alice, CS101)', () => {
  const alice = userHeader('alice');

  it.each(probes)('%s shows no one else’s e-mail', async (_name, probe) => {
    const res = await probe(alice);
    expect(res.status).toBeLessThan(500);
    expect(emailsIn(res.text).filter(e => e !== 'alice@example.com')).toEqual(
      [],
    );
  });

  it('lists her own User, her course group and the templates for students only', async () => {
    const list = await get('/entities', alice);
    expect(list.status).toBe(200);
    expect(refsOf(list.body)).toEqual(
      [cs101, 'template:default/lab-for-students', 'user:default/alice'].sort(),
    );
    const query = await get('/entities/by-query?limit=500', alice);
    expect(refsOf(query.body.items)).toEqual(refsOf(list.body));
    expect(query.body.totalItems).toBe(3);
  });

  it('reads her own User (with her e-mail) and her course group by name', async () => {
    const me = await get('/entities/by-name/user/default/alice', alice);
    expect(me.status).toBe(200);
    expect(me.body.spec.profile.email).toBe('alice@example.com');
    const group = await get(
      `/entities/by-name/group/default/${cs101Group}`,
      alice,
    );
    expect(group.status).toBe(200);
    // Classmates are visible as refs, never with their e-mails.
    expect(group.body.spec.members).toEqual(['alice', 'bob', 'teacher']);
    expect(emailsIn(group.text)).toEqual([]);
    // Ancestry is authorized per entity, through the catalog's
    // apply-conditions endpoint and so through IS_GROUP_MEMBER's apply().
    const ancestry = await get(
      `/entities/by-name/group/default/${cs101Group}/ancestry`,
      alice,
    );
    expect(ancestry.status).toBe(200);
    expect(
      (await get('/entities/by-name/user/default/bob/ancestry', alice)).status,
    ).toBe(403);
  });

  it('cannot read a foreign user, a foreign course group or a role group', async () => {
    for (const path of [
      '/entities/by-name/user/default/bob',
      '/entities/by-name/user/default/root',
      `/entities/by-name/group/default/${bioGroup}`,
      '/entities/by-name/group/default/admins',
      '/entities/by-name/group/default/instructors',
      '/entities/by-name/template/default/course-for-instructors',
      '/entities/by-name/system/default/labstage',
    ]) {
      expect([path, (await get(path, alice)).status]).toEqual([path, 404]);
    }
    const refs = await post('/entities/by-refs', alice, {
      entityRefs: ['user:default/bob', 'user:default/alice', bio, cs101],
    });
    expect(refs.body.items.map((e: any) => e && stringifyEntityRef(e))).toEqual(
      [null, 'user:default/alice', null, cs101],
    );
  });

  it('cannot change the catalog', async () => {
    const location = await post('/locations', alice, {
      type: 'url',
      target: 'https://example.com/catalog-info.yaml',
    });
    expect(location.status).toBe(403);
    const refresh = await post('/refresh', alice, {
      entityRef: 'user:default/alice',
    });
    expect(refresh.status).toBe(403);
    const locations = await get('/locations', alice);
    expect(locations.body).toEqual([]);
  });
});

describe('catalog read as an instructor (teacher, CS101)', () => {
  const teacher = userHeader('teacher');

  it.each(probes)('%s shows no one else’s e-mail', async (_name, probe) => {
    const res = await probe(teacher);
    expect(res.status).toBeLessThan(500);
    expect(emailsIn(res.text).filter(e => e !== 'teacher@example.com')).toEqual(
      [],
    );
  });

  it('lists their own User, their course groups and the templates for instructors and students', async () => {
    const list = await get('/entities', teacher);
    expect(refsOf(list.body)).toEqual(
      [
        cs101,
        'template:default/course-for-instructors',
        'template:default/lab-for-students',
        'user:default/teacher',
      ].sort(),
    );
    expect(
      (await get(`/entities/by-name/group/default/${bioGroup}`, teacher))
        .status,
    ).toBe(404);
  });
});

describe('catalog writes as an instructor', () => {
  const teacher = userHeader('teacher');

  it('cannot refresh or validate entities (admins only)', async () => {
    const refresh = await post('/refresh', teacher, {
      entityRef: 'user:default/bob',
    });
    expect(refresh.status).toBe(403);
    const validate = await post('/validate-entity', teacher, {
      location: 'url:https://example.com/catalog-info.yaml',
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'probe' },
        spec: { type: 'service', lifecycle: 'test', owner: 'teacher' },
      },
    });
    expect(validate.status).toBe(403);
  });
});

describe('catalog read as admin and as another backend plugin', () => {
  it.each([
    ['admin', userHeader('root')],
    ['a backend plugin', serviceHeader('notifications')],
  ])('%s reads everything', async (_who, auth) => {
    const list = await get('/entities', auth);
    expect(list.body).toHaveLength(expectedEntityCount);
    expect(emailsIn(list.text)).toEqual(allEmails);
    expect(refsOf(list.body)).toEqual(expect.arrayContaining([cs101, bio]));
  });
});

describe('catalog read without an enabled account', () => {
  it.each([
    ['disabled account', userHeader('dave')],
    ['unknown account', userHeader('ghost')],
  ])('%s reads nothing', async (_who, auth) => {
    const list = await get('/entities', auth);
    expect(list.body).toEqual([]);
  });
});
