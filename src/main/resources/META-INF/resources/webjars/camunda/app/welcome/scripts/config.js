/*
 * sme-loan-flow: the bank's branding and language for Camunda's welcome webapp.
 * Overrides webjars/camunda/app/welcome/scripts/config.js of the camunda-webapp-webjar (Camunda's
 * documented customization: classpath META-INF/resources comes before the webjar's).
 * Locale: Chinese (locales/zh.json beside this folder) unless the browser asks for English.
 * The Community Edition's "migrate to Camunda 8" banner is hidden by styles/user-styles.css.
 */
export default {
  app: {
    name: '普惠贷款作业平台',
    vendor: '普惠金融事业部'
  },
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'zh'
  },
  dateFormat: {
    normal: 'YYYY-MM-DD HH:mm',
    long: 'YYYY年M月D日 HH:mm'
  },
  // The first-login notice links to Camunda's welcome page; the tour in the README replaces it.
  disableWelcomeMessage: true,
  csrfCookieName: 'XSRF-TOKEN'
};
