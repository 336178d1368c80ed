export { consentPage } from './consent.page';
export { deviceCodeInputPage, deviceConfirmPage, deviceInputErrorMessage, deviceSuccessPage } from './device.pages';
export { errorPage } from './error.page';
export { loginPage } from './login.page';
export { logoutPage, logoutSuccessPage } from './logout.pages';
export { pageContentSecurityPolicy } from './page-layout';
