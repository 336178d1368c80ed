import { developmentClients } from './development-clients';

function spa(webOrigins: readonly string[]) {
  return developmentClients(webOrigins).find((client) => client.client_id === 'orders-spa');
}

describe('developmentClients', () => {
  it('lets the web app sign in and out from the default WEB_ORIGINS only', () => {
    expect(spa(['http://localhost:5173'])).toMatchObject({
      redirect_uris: ['http://localhost:5173/callback'],
      post_logout_redirect_uris: ['http://localhost:5173/'],
    });
  });

  it('registers a callback and a logout return for each of WEB_ORIGINS', () => {
    expect(spa(['http://localhost:5173', 'https://orders.example.test'])).toMatchObject({
      redirect_uris: ['http://localhost:5173/callback', 'https://orders.example.test/callback'],
      post_logout_redirect_uris: ['http://localhost:5173/', 'https://orders.example.test/'],
    });
  });
});
