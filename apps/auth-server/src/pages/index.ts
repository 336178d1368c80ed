export { consentPage } from './consent.page';
export { deviceCodeInputPage, deviceConfirmPage, deviceInputErrorMessage, deviceSuccessPage } from './device.pages';
export { errorPage } from './error.page';
export { escapeHtml } from './html';
export { loginPage } from './login.page';
export { logoutPage, logoutSuccessPage } from './logout.pages';
export { PAGE_CONTENT_SECURITY_POLICY, pageContentSecurityPolicy } from './page-layout';
