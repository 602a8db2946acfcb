// 管理看板: logs the reader in with their platform user (HTTP Basic, kept in this tab's sessionStorage only),
// reads GET /api/dashboard and shows every figure in a table and a chart (Chart.js, bundled in the jar).
(function () {
  'use strict';

  var KEY = 'smeloan.dashboard.authorization';
  var charts = {};
  var COLORS = ['#12355b', '#3a7bd5', '#f2a900', '#d9534f', '#7a3e9d', '#2e8b57', '#8c564b', '#17becf'];

  function $(id) { return document.getElementById(id); }

  function basic(user, password) {
    var bytes = new TextEncoder().encode(user + ':' + password);
    var binary = '';
    bytes.forEach(function (b) { binary += String.fromCharCode(b); });
    return 'Basic ' + btoa(binary);
  }

  // credentials: 'omit' keeps the browser from its own login dialog on a 401; the header carries the login.
  function get(path) {
    return fetch(path, { credentials: 'omit', headers: { 'Authorization': sessionStorage.getItem(KEY) || '', 'Accept': 'application/json' } });
  }

  function dash(value) { return value === null || value === undefined ? '—' : null; }
  function int(value) { return dash(value) || Number(value).toLocaleString('zh-CN'); }
  function dec(value, digits) {
    return dash(value) || Number(value).toLocaleString('zh-CN', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }
  function money(value) { return dec(value, 2); }

  function cell(text, figure) {
    var td = document.createElement('td');
    td.textContent = text;
    if (figure) { td.setAttribute('data-figure', figure); }
    return td;
  }

  function rows(tableId, items, toCells, section) {
    var body = $(tableId).querySelector(section || 'tbody');
    body.innerHTML = '';
    items.forEach(function (item) {
      var tr = document.createElement('tr');
      toCells(item).forEach(function (td) { tr.appendChild(td); });
      body.appendChild(tr);
    });
  }

  function chart(id, config) {
    if (charts[id]) { charts[id].destroy(); }
    config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false }, config.options || {});
    charts[id] = new Chart($(id), config);
    $(id).setAttribute('data-rendered', 'true');
  }

  function bars(labels, datasets, options) {
    return {
      type: 'bar',
      data: { labels: labels, datasets: datasets.map(function (d, i) { return Object.assign({ backgroundColor: COLORS[i % COLORS.length] }, d); }) },
      options: options
    };
  }

  function show(figures) {
    $('scope').textContent = figures.branches ? '范围: 网点 ' + figures.branches.join('、') : '范围: 全行';
    $('as-of').textContent = '数据时间: ' + new Date(figures.asOf).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });
    $('filter-from').value = figures.from;
    $('filter-to').value = figures.to;

    var cycle = figures.cycleTimes;
    rows('table-cycle', cycle, function (c) {
      var key = 'cycleTimes.' + c.stretch + '.';
      return [cell(c.label), cell(int(c.applications), key + 'applications'), cell(dec(c.medianWorkingHours, 1), key + 'medianWorkingHours'),
        cell(dec(c.p90WorkingHours, 1), key + 'p90WorkingHours'), cell(dec(c.medianHours, 1), key + 'medianHours'),
        cell(dec(c.p90Hours, 1), key + 'p90Hours')];
    });
    chart('chart-cycle', bars(cycle.map(function (c) { return c.label; }), [
      { label: '中位数(工作小时)', data: cycle.map(function (c) { return c.medianWorkingHours; }) },
      { label: 'P90(工作小时)', data: cycle.map(function (c) { return c.p90WorkingHours; }) }]));

    var sla = figures.sla;
    rows('table-sla', sla, function (s) {
      var key = 'sla.' + s.processKey + '/' + s.taskKey + '.';
      return [cell(s.taskName || s.taskKey), cell(int(s.completed), key + 'completed'), cell(int(s.onTime), key + 'onTime'),
        cell(int(s.late), key + 'late'), cell(int(s.withinGoal), key + 'withinGoal'), cell(dec(s.onTimeRate, 1), key + 'onTimeRate'),
        cell(int(s.open), key + 'open'), cell(int(s.openOverdue), key + 'openOverdue'), cell(int(s.escalated), key + 'escalated')];
    });
    chart('chart-sla', bars(sla.map(function (s) { return s.taskName || s.taskKey; }), [
      { label: '按时完成', data: sla.map(function (s) { return s.onTime; }), backgroundColor: '#2e8b57' },
      { label: '超时完成', data: sla.map(function (s) { return s.late; }), backgroundColor: '#f2a900' },
      { label: '未完成且已超期', data: sla.map(function (s) { return s.openOverdue; }), backgroundColor: '#d9534f' }],
      { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } }));

    var backlog = figures.backlog;
    rows('table-backlog', backlog, function (g) {
      var key = 'backlog.' + g.group + '.';
      return [cell(g.groupName), cell(int(g.open), key + 'open'), cell(int(g.unassigned), key + 'unassigned'),
        cell(int(g.overdue), key + 'overdue')];
    });
    chart('chart-backlog', bars(backlog.map(function (g) { return g.groupName; }), [
      { label: '待办', data: backlog.map(function (g) { return g.open; }) },
      { label: '已超期', data: backlog.map(function (g) { return g.overdue; }), backgroundColor: '#d9534f' }],
      { indexAxis: 'y' }));

    var d = figures.decisions;
    var decisionRows = [['决定数', int(d.decided), 'decided'], ['批准', int(d.approved), 'approved'],
      ['其中模型自动审批(AUTO)', int(d.approvedAuto), 'approvedAuto'], ['其中审批人审批', int(d.approvedByApprover), 'approvedByApprover'],
      ['其中贷审会审批', int(d.approvedByCommittee), 'approvedByCommittee'], ['拒绝', int(d.rejected), 'rejected'],
      ['撤销', int(d.withdrawn), 'withdrawn'], ['批准率(%)', dec(d.approvalRate, 1), 'approvalRate'],
      ['拒绝率(%)', dec(d.rejectionRate, 1), 'rejectionRate'], ['自动审批率(%)', dec(d.autoRate, 1), 'autoRate']];
    rows('table-decisions', decisionRows, function (r) { return [cell(r[0]), cell(r[1], 'decisions.' + r[2])]; });
    chart('chart-decisions', {
      type: 'doughnut',
      data: { labels: ['模型自动审批', '审批人审批', '贷审会审批', '拒绝'],
        datasets: [{ data: [d.approvedAuto, d.approvedByApprover, d.approvedByCommittee, d.rejected],
          backgroundColor: ['#2e8b57', '#3a7bd5', '#12355b', '#d9534f'] }] }
    });

    var months = figures.disbursed;
    rows('table-disbursed', months, function (m) {
      return [cell(m.month), cell(int(m.loans), 'disbursed.' + m.month + '.loans'), cell(money(m.amount), 'disbursed.' + m.month + '.amount'),
        cell(int(m.drawdowns), 'disbursed.' + m.month + '.drawdowns'), cell(money(m.drawdownAmount), 'disbursed.' + m.month + '.drawdownAmount'),
        cell(int(m.renewals), 'disbursed.' + m.month + '.renewals'), cell(money(m.renewalAmount), 'disbursed.' + m.month + '.renewalAmount')];
    });
    chart('chart-disbursed', bars(months.map(function (m) { return m.month; }), [
      { label: '放款金额(元)', data: months.map(function (m) { return m.amount; }), yAxisID: 'y' },
      { label: '笔数', data: months.map(function (m) { return m.loans; }), type: 'line', yAxisID: 'loans', borderColor: '#f2a900' }],
      { scales: { y: { beginAtZero: true, position: 'left' }, loans: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false } } } }));

    var book = figures.portfolio;
    rows('table-portfolio', book.classifications, function (c) {
      return [cell(c.label), cell(int(c.loans), 'portfolio.' + c.classification + '.loans'),
        cell(money(c.balance), 'portfolio.' + c.classification + '.balance')];
    });
    rows('table-portfolio', [['合计', int(book.loans), money(book.balance)], ['不良余额', '', money(book.nonPerformingBalance)],
      ['不良率(%)', '', dec(book.nplRatio, 2)]], function (r) {
      var figure = { '合计': 'portfolio.balance', '不良余额': 'portfolio.nonPerformingBalance', '不良率(%)': 'portfolio.nplRatio' }[r[0]];
      return [cell(r[0]), cell(r[1], r[0] === '合计' ? 'portfolio.loans' : null), cell(r[2], figure)];
    }, 'tfoot');
    chart('chart-portfolio', {
      type: 'doughnut',
      data: { labels: book.classifications.map(function (c) { return c.label; }),
        datasets: [{ data: book.classifications.map(function (c) { return c.balance; }),
          backgroundColor: ['#2e8b57', '#f2a900', '#e8743b', '#d9534f', '#7a1f1f'] }] }
    });

    var writeOffs = figures.writeOffs;
    rows('table-write-offs', writeOffs, function (m) {
      var key = 'writeOffs.' + m.month + '.';
      return [cell(m.month), cell(int(m.writtenOff), key + 'writtenOff'), cell(money(m.writtenOffPrincipal), key + 'writtenOffPrincipal'),
        cell(money(m.writtenOffClaim), key + 'writtenOffClaim'), cell(int(m.recoveries), key + 'recoveries'),
        cell(money(m.recovered), key + 'recovered'), cell(money(m.recoveredPrincipal), key + 'recoveredPrincipal')];
    });
    chart('chart-write-offs', bars(writeOffs.map(function (m) { return m.month; }), [
      { label: '核销本金(元)', data: writeOffs.map(function (m) { return m.writtenOffPrincipal; }), backgroundColor: '#d9534f' },
      { label: '核销后收回金额(元)', data: writeOffs.map(function (m) { return m.recovered; }), backgroundColor: '#2e8b57' }],
      { scales: { y: { beginAtZero: true } } }));

    var ladder = figures.collections;
    rows('table-collections', ladder, function (s) {
      return [cell(s.step + ' ' + s.label), cell(int(s.openCases), 'collections.' + s.step + '.openCases')];
    });
    chart('chart-collections', bars(ladder.map(function (s) { return s.label; }), [
      { label: '未结案件', data: ladder.map(function (s) { return s.openCases; }), backgroundColor: '#d9534f' }]));

    var funnel = figures.campaign;
    var stages = [['名单客户', 'prospects'], ['已联系', 'contacted'], ['有意向', 'interested'], ['已申请', 'applied'],
      ['已批准', 'approved'], ['已放款(贷款)', 'disbursed'], ['已开通额度(循环额度, 未放款)', 'linesOpened'],
      ['其中已提款额度', 'linesDrawn']];
    // converted without the campaign's contact: beside the funnel, not a stage of it (their applications are not the campaign's)
    var convertedElsewhere = [['已自行申请(其他渠道, 未计入已申请)', 'appliedElsewhere'],
      ['其中申请被拒绝或撤销', 'appliedElsewhereRejectedOrWithdrawn'], ['已是我行客户(未计入已申请)', 'existingCustomers']];
    rows('table-campaign', stages, function (s) { return [cell(s[0]), cell(int(funnel[s[1]]), 'campaign.' + s[1])]; });
    rows('table-campaign', [['额度提款金额(元)', money(funnel.drawnAmount), 'drawnAmount']].concat(convertedElsewhere.map(function (c) {
      return [c[0], int(funnel[c[1]]), c[1]];
    })), function (r) {
      return [cell(r[0]), cell(r[1], 'campaign.' + r[2])];
    }, 'tfoot');
    chart('chart-campaign', bars(stages.map(function (s) { return s[0]; }), [
      { label: '客户数', data: stages.map(function (s) { return funnel[s[1]]; }) }], { indexAxis: 'y' }));
  }

  function query() {
    var params = new URLSearchParams();
    if ($('filter-from').value) { params.set('from', $('filter-from').value); }
    if ($('filter-to').value) { params.set('to', $('filter-to').value); }
    if ($('filter-branch').value) { params.set('branch', $('filter-branch').value); }
    return '/api/dashboard' + (params.toString() ? '?' + params.toString() : '');
  }

  function problemText(answer) {
    return answer.json().then(function (problem) {
      var fields = (problem.errors || []).map(function (e) { return e.message; }).join(';');
      return (problem.title || '请求失败') + (fields ? ': ' + fields : '');
    }, function () { return '请求失败(' + answer.status + ')'; });
  }

  function load() {
    $('board-error').textContent = '';
    return get(query()).then(function (answer) {
      if (answer.status === 401) {
        logout('登录已失效或密码错误,请重新登录');
        return false;
      }
      if (answer.status === 403 && !$('board').hidden) {
        return problemText(answer).then(function () { $('board-error').textContent = '您无权查看该网点的数据'; return false; });
      }
      if (answer.status === 403) {
        logout('您没有查看管理看板的权限(团队主管、流程管理员、系统管理员可以查看)');
        return false;
      }
      if (!answer.ok) {
        return problemText(answer).then(function (text) { $('board-error').textContent = text; return false; });
      }
      return answer.json().then(function (figures) {
        $('login').hidden = true;
        $('board').hidden = false;
        $('logout').hidden = false;
        show(figures);
        document.body.setAttribute('data-loaded', 'true');
        return true;
      });
    }, function () { $('board-error').textContent = '无法连接服务器'; return false; });
  }

  function loadBranches() {
    get('/api/branches').then(function (answer) { return answer.ok ? answer.json() : []; }).then(function (branches) {
      var select = $('filter-branch');
      (branches || []).forEach(function (b) {
        var option = document.createElement('option');
        option.value = b.code;
        option.textContent = b.code + ' ' + b.name;
        select.appendChild(option);
      });
    });
  }

  function logout(message) {
    sessionStorage.removeItem(KEY);
    $('board').hidden = true;
    $('login').hidden = false;
    $('logout').hidden = true;
    $('who').textContent = '';
    $('login-error').textContent = message || '';
    document.body.removeAttribute('data-loaded');
  }

  $('login-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var user = $('login-user').value.trim();
    sessionStorage.setItem(KEY, basic(user, $('login-password').value));
    $('login-password').value = '';
    load().then(function (ok) {
      if (ok) {
        $('who').textContent = '当前用户: ' + user;
        sessionStorage.setItem(KEY + '.user', user);
        loadBranches();
      }
    });
  });
  $('filters').addEventListener('submit', function (event) { event.preventDefault(); load(); });
  $('logout').addEventListener('click', function () { logout(''); });

  if (sessionStorage.getItem(KEY)) {
    $('who').textContent = '当前用户: ' + (sessionStorage.getItem(KEY + '.user') || '');
    load().then(function (ok) { if (ok) { loadBranches(); } });
  }
}());
