import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors';
import { parseAmlHttps, parseAmlSms } from '../../lib/locations/parse-aml';
import { normalizePhone } from '../../lib/locations/phone';
import { AML_GOOD, amlSms } from '../helpers/aml';

const GOOD = AML_GOOD;

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err.fields.map((f) => f.field);
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('AML SMS', () => {
  it('reads a GNSS fix', () => {
    const fix = parseAmlSms(amlSms(GOOD), '+386 41 123 456');
    expect(fix).toMatchObject({
      phone: '+38641123456',
      lat: 46.0514,
      lon: 14.506,
      accuracyM: 15,
      confidencePct: 68,
      method: 'gnss',
    });
    expect(fix.fixAt?.toISOString()).toBe('2026-11-27T14:19:35.000Z');
    expect(fix.imei).toBe('356938035643809');
  });

  it('reads the no-fix form (rd=N): stored without a position', () => {
    const fix = parseAmlSms(amlSms({ ...GOOD, lt: '', lg: '', rd: 'N', pm: 'N' }), '041123456');
    expect(fix.lat).toBeNull();
    expect(fix.method).toBe('none');
    expect(fix.phone).toBe('+38641123456');
  });

  it('refuses a truncated message (ml does not match)', () => {
    const full = amlSms(GOOD);
    expect(fieldsOf(() => parseAmlSms(full.replace(';ei=356938035643809', ''), '+38641123456'))).toContain(
      'ml',
    );
    expect(fieldsOf(() => parseAmlSms(full.slice(0, 40), '+38641123456')).length).toBeGreaterThan(0);
  });

  it.each([
    ['lt', { lt: 'north' }],
    ['lt', { lt: '+91.00000' }],
    ['lg', { lg: '+181.00000' }],
    ['rd', { rd: '-5' }],
    ['top', { top: '20261399999999' }],
    ['top', { top: '29991231235959' }],
    ['lc', { lc: '150' }],
    ['pm', { pm: 'X' }],
    ['mcc', { mcc: '29' }],
    ['ei', { ei: "1'; drop table incidents;--" }],
  ])('names the field %s when it is wrong', (field, patch) => {
    expect(fieldsOf(() => parseAmlSms(amlSms({ ...GOOD, ...patch }), '+38641123456'))).toContain(field);
  });

  it('refuses an unknown key, a missing sender, and text that is not AML', () => {
    expect(fieldsOf(() => parseAmlSms(amlSms({ ...GOOD, zz: '1' }), '+38641123456'))).toContain('message');
    expect(fieldsOf(() => parseAmlSms(amlSms(GOOD), null))).toContain('query.from');
    expect(fieldsOf(() => parseAmlSms('Hello, I need help', '+38641123456'))).toContain('A"ML');
  });
});

describe('AML HTTPS form', () => {
  const form = (patch: Record<string, string> = {}) =>
    new URLSearchParams({
      v: '3',
      device_number: '+38641123456',
      location_latitude: '46.0514',
      location_longitude: '14.506',
      location_time: '1795860000000',
      location_accuracy: '11.8',
      location_source: 'gps',
      location_confidence: '68',
      device_model: 'Pixel 9',
      ...patch,
    });

  it('reads a fix and keeps the extra fields', () => {
    const fix = parseAmlHttps(form());
    expect(fix).toMatchObject({
      phone: '+38641123456',
      lat: 46.0514,
      lon: 14.506,
      accuracyM: 12,
      method: 'gps',
      source: 'aml_https',
    });
    expect(fix.details.device_model).toBe('Pixel 9');
  });

  it.each([
    ['location_latitude', { location_latitude: '95' }],
    ['location_longitude', { location_longitude: 'east' }],
    ['location_time', { location_time: 'yesterday' }],
    ['location_accuracy', { location_accuracy: '-1' }],
    ['device_number', { device_number: 'abc' }],
  ])('names %s when it is wrong', (field, patch) => {
    expect(fieldsOf(() => parseAmlHttps(form(patch)))).toContain(field);
  });
});

describe('phone numbers', () => {
  it.each([
    ['+386 41 123 456', '+38641123456'],
    ['041 123 456', '+38641123456'],
    ['0038641123456', '+38641123456'],
    ['(01) 234-5678', '+38612345678'],
    ['112', '112'],
  ])('%s → %s', (raw, norm) => {
    expect(normalizePhone(raw)).toBe(norm);
  });
  it('refuses letters', () => expect(normalizePhone('call me')).toBeNull());
});
