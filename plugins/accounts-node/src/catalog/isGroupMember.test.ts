import { Entity } from '@backstage/catalog-model';
import { catalogEntityPermissionResourceRef } from '@backstage/plugin-catalog-node/alpha';
import { isGroupMember, labstageCatalogConditions } from './isGroupMember';

function group(members: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'course-cs101-3f2a9c1e', namespace: 'default' },
    spec: { type: 'course', children: [], members },
    relations: members.map(m => ({
      type: 'hasMember',
      targetRef: `user:default/${m}`,
    })),
  };
}

describe('isGroupMember (catalog permission rule)', () => {
  const cs101 = group(['alice', 'teacher']);

  it.each([
    ['user:default/alice', true],
    ['user:default/ALICE', true],
    ['user:default/teacher', true],
    ['user:default/bob', false],
    ['group:default/alice', false],
    ['', false],
  ])('%s → %s', (userEntityRef, expected) => {
    expect(isGroupMember.apply(cs101, { userEntityRef })).toBe(expected);
  });

  it('does not match on memberOf or other relations', () => {
    const user: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'alice' },
      spec: {},
      relations: [
        { type: 'memberOf', targetRef: 'user:default/alice' },
        { type: 'ownedBy', targetRef: 'user:default/alice' },
      ],
    };
    expect(
      isGroupMember.apply(user, { userEntityRef: 'user:default/alice' }),
    ).toBe(false);
    expect(
      isGroupMember.apply(
        { ...cs101, relations: undefined },
        { userEntityRef: 'user:default/alice' },
      ),
    ).toBe(false);
  });

  it('queries the hasMember relation the catalog indexes', () => {
    expect(
      isGroupMember.toQuery({ userEntityRef: 'user:default/alice' }),
    ).toEqual({ key: 'relations.hasMember', values: ['user:default/alice'] });
  });

  it('belongs to the catalog entity resource and rejects empty refs', () => {
    expect(isGroupMember.resourceType).toBe(
      catalogEntityPermissionResourceRef.resourceType,
    );
    const schema = isGroupMember.paramsSchema as any;
    expect(
      schema['~standard'].validate({ userEntityRef: '' }).issues,
    ).toBeTruthy();
    expect(
      schema['~standard'].validate({ userEntityRef: 'user:default/a' }).issues,
    ).toBeUndefined();
  });

  it('builds the condition a policy sends', () => {
    expect(
      labstageCatalogConditions.isGroupMember({
        userEntityRef: 'user:default/alice',
      }),
    ).toEqual({
      rule: 'IS_GROUP_MEMBER',
      resourceType: 'catalog-entity',
      params: { userEntityRef: 'user:default/alice' },
    });
  });
});
