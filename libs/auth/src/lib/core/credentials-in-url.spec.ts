import { InvalidRequestError } from './auth-error';
import { refuseCredentialsInUrl } from './credentials-in-url';

describe('refuseCredentialsInUrl', () => {
  it.each(['/orders?api_key=apk_x', '/orders?APIKEY=apk_x', '/orders?page=2&x-api-key=apk_x', '/orders?Key=apk_x'])(
    'refuses %s with 400, naming the parameter but not the value',
    (url) => {
      expect(() => refuseCredentialsInUrl(url)).toThrow(InvalidRequestError);
      try {
        refuseCredentialsInUrl(url);
      } catch (error) {
        expect((error as InvalidRequestError).description).not.toContain('apk_x');
      }
    },
  );

  it.each([undefined, '/orders', '/orders?status=paid', '/orders?keys=1'])('lets %s through', (url) => {
    expect(() => refuseCredentialsInUrl(url)).not.toThrow();
  });
});
