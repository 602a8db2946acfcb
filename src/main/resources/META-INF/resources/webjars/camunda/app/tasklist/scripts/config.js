/*
 * sme-loan-flow: the bank's branding and language for Camunda's tasklist webapp.
 * Overrides webjars/camunda/app/tasklist/scripts/config.js of the camunda-webapp-webjar (Camunda's
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
  // Keep Camunda's keyboard shortcuts (the defaults of the shipped config.js), described in Chinese.
  shortcuts: {
    claimTask: {key: 'ctrl+alt+c', description: '领取当前选中的任务'},
    focusFilter: {key: 'ctrl+shift+f', description: '焦点移到第一个任务筛选'},
    focusList: {key: 'ctrl+alt+l', description: '焦点移到任务列表的第一个任务'},
    focusForm: {key: 'ctrl+alt+f', description: '焦点移到任务表单的第一个输入框'},
    startProcess: {key: 'ctrl+alt+p', description: '打开“发起流程”对话框'}
  },
  csrfCookieName: 'XSRF-TOKEN'
};
