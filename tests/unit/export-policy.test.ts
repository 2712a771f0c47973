// The export policy's settings (EXPORT_* environment variables over the defaults) and the caller's
// share of it (issue 14, finding 7).
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { callerPolicy, DEFAULT_EXPORT_POLICY, exportPolicyFromEnv } from '../../src/server/exports/export-policy.ts';

describe('export policy settings', () => {
  it('uses the defaults when nothing is set', () => {
    expect(loadConfig({}).exportPolicy).toEqual(DEFAULT_EXPORT_POLICY);
    const pub = callerPolicy(DEFAULT_EXPORT_POLICY, 'public', false);
    expect(pub.layers.enterprises).not.toEqual(expect.arrayContaining(['creditCode']));
    for (const f of ['creditCode', 'address', 'employees', 'revenue']) expect(pub.layers.enterprises).not.toContain(f);
    expect(pub.layers.parks).not.toContain('taxPerMu');
    expect(pub).toMatchObject({ maxRows: 1000, rateKey: 'address' });
    // Roles that may read confidential fields get every layer and field.
    const planner = callerPolicy(DEFAULT_EXPORT_POLICY, 'planner', true);
    expect(planner.layers.enterprises).toContain('revenue');
    expect(planner.layers.parks).toContain('taxPerMu');
    expect(planner).toMatchObject({ maxRows: null, rateKey: 'account' });
  });

  it('merges per-role numbers over the defaults', () => {
    const p = exportPolicyFromEnv({ EXPORT_MAX_ROWS: 'public:10, viewer:unlimited', EXPORT_PER_MINUTE: 'admin:unlimited', EXPORT_PER_HOUR: 'public:7' });
    expect(p.limits.public).toEqual({ maxRows: 10, perMinute: 5, perHour: 7 });
    expect(p.limits.viewer.maxRows).toBeNull();
    expect(p.limits.admin.perMinute).toBeNull();
    expect(p.limits.planner).toEqual(DEFAULT_EXPORT_POLICY.limits.planner);
  });

  it('takes the public layers and fields, in the layer’s own order, and leaves the layers it does not name alone', () => {
    const p = exportPolicyFromEnv({ EXPORT_PUBLIC_FIELDS: 'enterprises.address,enterprises.name', EXPORT_PUBLIC_LAYERS: 'enterprises,value-parks' });
    const pub = callerPolicy(p, 'viewer', false);
    expect(Object.keys(pub.layers)).toEqual(['enterprises', 'value-parks']);
    expect(pub.layers.enterprises).toEqual(['name', 'address']);
    expect(pub.layers['value-parks']).toEqual(DEFAULT_EXPORT_POLICY.publicFields['value-parks']);
    expect(Object.keys(callerPolicy(exportPolicyFromEnv({ EXPORT_PUBLIC_LAYERS: 'none' }), 'public', false).layers)).toEqual([]);
    // Closing layers to the public does not close them to staff.
    expect(Object.keys(callerPolicy(p, 'official', true).layers)).toEqual(['enterprises', 'parks', 'value-parks']);
  });

  it.each([
    [{ EXPORT_PUBLIC_FIELDS: 'enterprises.revenue' }, /confidential/],
    [{ EXPORT_PUBLIC_FIELDS: 'parks.taxPerMu' }, /confidential/],
    [{ EXPORT_PUBLIC_FIELDS: 'enterprises.nmae' }, /no field "nmae"/],
    [{ EXPORT_PUBLIC_FIELDS: 'name' }, /not layer\.field/],
    [{ EXPORT_PUBLIC_LAYERS: 'firms' }, /unknown layer "firms"/],
    [{ EXPORT_MAX_ROWS: 'public:0' }, /at least 1/],
    [{ EXPORT_PER_MINUTE: 'guest:3' }, /unknown role "guest"/],
    [{ EXPORT_PER_HOUR: 'public=3' }, /not role:number/],
    [{ EXPORT_MAX_ROWS: 'public:1.5' }, /not role:number/],
  ])('refuses to start on %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never gives the public a confidential field, whatever a policy built in code says', () => {
    const leaky = { ...DEFAULT_EXPORT_POLICY, publicFields: { ...DEFAULT_EXPORT_POLICY.publicFields, enterprises: ['name', 'revenue'] } };
    expect(callerPolicy(leaky, 'public', false).layers.enterprises).toEqual(['name']);
  });
});
