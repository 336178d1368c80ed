import { deviceCodeInputPage, deviceConfirmPage, deviceInputErrorMessage, deviceSuccessPage } from './device.pages';
import { alerts, DEVICE_CONFIRM_FORM, DEVICE_INPUT_FORM, expectWellFormedPage, HOSTILE, HOSTILE_ESCAPED } from './page-test-fixtures';

describe('deviceCodeInputPage', () => {
  const page = deviceCodeInputPage({ formHtml: DEVICE_INPUT_FORM });

  it('is a well-formed page headed "Connect a device"', () => {
    expectWellFormedPage(page);
    expect(page).toContain('<h1>Connect a device</h1>');
  });

  it("puts the instruction right above oidc-provider's form, inserted as is, then the Continue button for that form", () => {
    expect(page).toContain(
      `<p>Enter the code shown on your device.</p>\n${DEVICE_INPUT_FORM}\n<div class="actions">\n<button type="submit" form="op.deviceInputForm">Continue</button>`,
    );
  });

  it('shows no alert without an error', () => {
    expect(page).not.toContain('role="alert"');
  });

  it('shows the error, escaped, in an alert', () => {
    expect(alerts(deviceCodeInputPage({ formHtml: DEVICE_INPUT_FORM, error: 'That code has expired.' }))).toEqual([
      'That code has expired.',
    ]);
    expect(alerts(expectWellFormedPage(deviceCodeInputPage({ formHtml: DEVICE_INPUT_FORM, error: HOSTILE })))).toEqual([HOSTILE_ESCAPED]);
  });
});

describe('deviceInputErrorMessage', () => {
  // Shaped as oidc-provider's ReRenderError subclasses: `name` is the class name, `userCode` is set when a code was typed.
  function providerError(name: string, userCode?: string): Error {
    return Object.assign(new Error(name), { name }, userCode ? { userCode } : {});
  }

  it.each([undefined, null, false, ''])('gives no message without an error (%p)', (error) => {
    expect(deviceInputErrorMessage(error)).toBeUndefined();
  });

  it.each([
    ['NotFoundError', 'WDJB-MJHT'],
    ['AlreadyUsedError', 'WDJB-MJHT'],
    ['NoCodeError', undefined],
  ])('says the code is not valid for %s', (name, userCode) => {
    expect(deviceInputErrorMessage(providerError(name, userCode))).toBe(
      'That code is not valid. Check the code on your device and try again.',
    );
  });

  it('says the code expired for ExpiredError, although it carries the user code', () => {
    expect(deviceInputErrorMessage(providerError('ExpiredError', 'WDJB-MJHT'))).toBe('That code has expired. Start again on your device.');
  });

  it('says the sign-in was cancelled for AbortedError', () => {
    expect(deviceInputErrorMessage(providerError('AbortedError'))).toBe('The sign-in was cancelled.');
  });

  it.each([new Error('boom'), providerError('InvalidClient'), 'a string', 42])(
    'gives a generic message for anything else (%p)',
    (error) => {
      expect(deviceInputErrorMessage(error)).toBe('Something went wrong. Try again.');
    },
  );
});

describe('deviceConfirmPage', () => {
  const page = deviceConfirmPage({ formHtml: DEVICE_CONFIRM_FORM, clientName: 'Orders CLI', userCode: 'WDJB-MJHT' });

  it('is a well-formed page headed "Confirm the device"', () => {
    expectWellFormedPage(page);
    expect(page).toContain('<h1>Confirm the device</h1>');
  });

  it('shows the application and the user code to compare with the device', () => {
    expect(page).toContain('<strong>Orders CLI</strong>');
    expect(page).toContain('<p class="user-code">WDJB-MJHT</p>');
  });

  it("inserts oidc-provider's form as is, then Continue and Cancel (abort) buttons for that form", () => {
    expect(page).toContain(
      `${DEVICE_CONFIRM_FORM}\n<div class="actions">\n<button type="submit" form="op.deviceConfirmForm">Continue</button>\n<button type="submit" form="op.deviceConfirmForm" name="abort" value="yes">Cancel</button>`,
    );
  });

  it('shows no alert', () => {
    expect(page).not.toContain('role="alert"');
  });

  it('escapes the client name and the user code', () => {
    const hostile = expectWellFormedPage(deviceConfirmPage({ formHtml: DEVICE_CONFIRM_FORM, clientName: HOSTILE, userCode: HOSTILE }));
    expect(hostile).toContain(`<strong>${HOSTILE_ESCAPED}</strong>`);
    expect(hostile).toContain(`<p class="user-code">${HOSTILE_ESCAPED}</p>`);
  });
});

describe('deviceSuccessPage', () => {
  it('says the device is connected and names the application to return to', () => {
    const page = expectWellFormedPage(deviceSuccessPage({ clientName: 'Orders CLI' }));
    expect(page).toContain('<h1>Device connected</h1>');
    expect(page).toContain('You can return to <strong>Orders CLI</strong>.');
  });

  it('escapes the client name', () => {
    expect(expectWellFormedPage(deviceSuccessPage({ clientName: HOSTILE }))).toContain(`<strong>${HOSTILE_ESCAPED}</strong>`);
  });
});
