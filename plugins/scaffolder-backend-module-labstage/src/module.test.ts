import { registeredActions } from './__testUtils__/registeredActions';

describe('scaffolderModuleLabstage', () => {
  it('registers the labstage actions, each with a dry run and zod-made JSON schemas', async () => {
    const { actions } = await registeredActions();

    expect(actions.map(a => a.id).sort()).toEqual([
      'labstage:course:create',
      'labstage:desktop:clone',
      'labstage:desktop:save',
      'labstage:environment:publish',
      'labstage:image:build',
    ]);
    for (const action of actions) {
      expect(action.supportsDryRun).toBe(true);
      expect(action.description).toMatch(/user who started the template/);
      expect(action.schema?.input).toMatchObject({ type: 'object' });
      expect(action.schema?.output).toMatchObject({ type: 'object' });
    }
    const save = actions.find(a => a.id === 'labstage:desktop:save')!;
    expect(save.schema?.input).toMatchObject({
      required: ['desktopId', 'name'],
      properties: {
        desktopId: { type: 'string' },
        name: { type: 'string' },
        tag: { type: 'string' },
      },
    });
    const clone = actions.find(a => a.id === 'labstage:desktop:clone')!;
    expect(clone.description).toContain('created stopped');
  });

  it('takes the image save timeout from config', async () => {
    const { logger } = await registeredActions({
      labstage: { scaffolder: { imageSaveTimeoutMinutes: 45 } },
    });
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/image saves time out after 45 min$/),
    );
  });
});
