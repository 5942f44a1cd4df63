// The keyboard rules of the month grid (numbers only, Enter moves down, a row is saved when it changed).
import { describe, expect, it } from 'vitest';
import { acceptsKey, earlyErrors, enterTarget, rowAction, rowChanged, valuesOf } from './gridKeys';
import { hoursText } from '../../shared/activity';

describe('month grid keys', () => {
  it('takes numbers only; hours also take their separators', () => {
    for (const k of ['0', '5', '9']) expect(acceptsKey('contacts', k)).toBe(true);
    for (const k of ['a', 'e', '-', '+', ',', ' ', 'ß']) expect(acceptsKey('contacts', k)).toBe(false);
    for (const k of [',', '.', ':', '7']) expect(acceptsKey('hours', k)).toBe(true);
    expect(acceptsKey('hours', 'h')).toBe(false);
    expect(acceptsKey('people', ',')).toBe(false);
    // Keys that are no characters, and shortcuts, always pass.
    for (const k of ['Tab', 'Enter', 'Backspace', 'ArrowLeft', 'Delete']) expect(acceptsKey('families', k)).toBe(true);
    expect(acceptsKey('contacts', 'v', true)).toBe(true);
  });

  it('Enter moves down, Shift+Enter up, and stops at the ends', () => {
    expect(enterTarget(0, 3, false)).toBe(1);
    expect(enterTarget(2, 3, false)).toBeNull();
    expect(enterTarget(1, 3, true)).toBe(0);
    expect(enterTarget(0, 3, true)).toBeNull();
  });

  it('saves a row only when it changed, and not an empty row without a record', () => {
    const stored = valuesOf({
      pilot_id: 1,
      month: '2026-11',
      contacts: 4,
      minutes: 150,
      areas: [],
      people: 3,
      families: 1,
      note: '',
      recorded_at: '',
      recorded_by: '',
    });
    expect(stored).toEqual({ contacts: '4', hours: '2,5', people: '3', families: '1' });
    expect(rowChanged(stored, { ...stored, hours: ' 2,5 ' })).toBe(false);
    expect(rowAction(stored, { ...stored, people: '5' }, true)).toBe('save');
    expect(rowAction(stored, stored, true)).toBe('none');
    const empty = valuesOf(null);
    expect(rowAction(empty, empty, false)).toBe('none');
    expect(rowAction(empty, { ...empty, contacts: '2' }, false)).toBe('save');
    // Clearing a stored row is sent, so the backend says what is missing at the field.
    expect(rowAction(stored, empty, true)).toBe('save');
  });

  it('asks for contacts before saving', () => {
    expect(earlyErrors({ contacts: '', hours: '2', people: '', families: '' })).toHaveProperty('contacts');
    expect(earlyErrors({ contacts: '0', hours: '', people: '', families: '' })).toEqual({});
  });

  it('shows hours the way they are typed', () => {
    expect([150, 135, 140, 180, 0].map(hoursText)).toEqual(['2,5', '2,25', '2:20', '3', '0']);
    expect(hoursText(null)).toBe('');
  });
});
