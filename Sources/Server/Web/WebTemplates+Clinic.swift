extension WebTemplates {
    static let clinic = """
        <div class="page-head"><h1>Studies today <small>({{day}}, UTC)</small></h1></div>
        {{#hasEmergencies}}<p class="alert emergency" role="alert" id="emergency-banner">{{emergencies}} patient(s) on an emergency route: act now, do not wait for the reading.</p>{{/hasEmergencies}}
        <div class="table-wrap">
        <table id="clinic-studies">
          <caption class="visually-hidden">Studies received today, newest first</caption>
          <thead><tr><th scope="col">Patient</th><th scope="col">Received</th><th scope="col">Priority</th><th scope="col">Estimate</th><th scope="col">Route</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
          {{#rows}}
          <tr class="{{#emergency}}emergency-row{{/emergency}}" data-study="{{id}}">
            <td>{{patient}}<br><small>{{clinic}} · {{shortID}}</small></td>
            <td>{{receivedAt}}</td>
            <td><span class="badge {{tierClass}}">{{tier}}</span>{{#emergency}} <span class="emergency-mark">emergency</span>{{/emergency}}</td>
            <td>{{category}}, {{involvement}}</td>
            <td class="route">{{route}}</td>
            <td><a class="button" href="/clinic/studies/{{id}}">Vitals<span class="visually-hidden"> for {{patient}}</span></a></td>
          </tr>
          {{/rows}}
          {{#empty}}<tr><td colspan="6" class="empty">No studies received today.</td></tr>{{/empty}}
          </tbody>
        </table>
        </div>
        """

    static let vitals = """
        {{#study}}
        <div class="page-head"><h1>Vitals for patient {{patient}} <small>study {{shortID}}, {{clinic}}</small></h1></div>
        {{#emergency}}<p class="alert emergency" role="alert" id="emergency-banner">Emergency route: act now, do not wait for the reading.</p>{{/emergency}}
        <section class="card" aria-labelledby="route-h">
          <h2 id="route-h">Current route <span class="badge {{tierClass}}" id="route-tier">{{tier}}</span></h2>
          <p class="route" id="route-words">{{route}}</p>
        </section>
        {{/study}}
        {{#error}}<p class="alert" role="alert" id="form-error">{{error}}</p>{{/error}}
        {{#notice}}<p class="notice" role="status" id="notice">{{notice}}</p>{{/notice}}
        <section class="card" aria-labelledby="form-h">
          <h2 id="form-h">Enter vitals</h2>
          <form method="post" action="/clinic/studies/{{study.id}}/vitals" id="vitals-form" class="vitals-form">
            <input type="hidden" name="csrf_token" value="{{csrfToken}}">
            {{#fields}}
            <div class="field">
              <label for="{{key}}">{{label}}</label>
              <input id="{{key}}" name="{{key}}" inputmode="decimal" autocomplete="off" value="{{value}}" aria-describedby="{{key}}-hint">
              <small id="{{key}}-hint">{{hint}}</small>
            </div>
            {{/fields}}
            <fieldset><legend>Conditions</legend>
            {{#checks}}<label class="choice"><input type="checkbox" name="{{key}}" value="yes"{{#checked}} checked{{/checked}}> {{label}}</label>{{/checks}}
            </fieldset>
            <button type="submit" class="primary" id="save-vitals">Save vitals</button>
          </form>
        </section>
        <section class="card" aria-labelledby="history-h">
          <h2 id="history-h">Vitals entered</h2>
          {{#hasHistory}}
          <table><thead><tr><th scope="col">Entered</th><th scope="col">By</th><th scope="col">Temp.</th><th scope="col">Resp. rate</th><th scope="col">SpO₂</th><th scope="col">PaO₂/FiO₂</th><th scope="col">Conditions</th></tr></thead>
          <tbody>{{#history}}<tr><td>{{at}}</td><td>{{by}}</td><td>{{temperature}}</td><td>{{respiratoryRate}}</td><td>{{spo2}}</td><td>{{pf}}</td><td>{{conditions}}</td></tr>{{/history}}</tbody></table>
          {{/hasHistory}}{{^hasHistory}}<p>None yet.</p>{{/hasHistory}}
        </section>
        <p><a href="/clinic">Back to today's studies</a></p>
        """
}
