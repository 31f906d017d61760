extension WebTemplates {
    static let study = """
        <div class="page-head">
          <h1>Study {{shortID}} <span class="badge {{tierClass}}">{{tier}}</span>{{#overdue}} <span class="late">overdue</span>{{/overdue}}</h1>
          <p class="meta">Patient {{patient}} · {{clinic}} · {{setting}} · received {{receivedAt}} · status {{status}} · due {{dueAt}}</p>
        </div>
        {{#emergency}}<p class="alert emergency" role="alert">Emergency route: this patient needs care now, whatever the reading queue says.</p>{{/emergency}}
        {{#error}}<p class="alert" role="alert" id="form-error">{{error}}</p>{{/error}}
        {{#notice}}<p class="notice" role="status" id="notice">{{notice}}</p>{{/notice}}
        <div class="study-grid">
        <section class="card" aria-labelledby="images-h">
          <h2 id="images-h">Key images</h2>
          {{#hasKeyImages}}<div class="key-images">{{#keyImages}}<figure><img src="{{url}}" alt="{{alt}}" width="256" height="256"><figcaption>{{alt}}</figcaption></figure>{{/keyImages}}</div>{{/hasKeyImages}}
          {{^hasKeyImages}}<p>No key images yet{{^estimated}}: the estimate is pending{{/estimated}}.</p>{{/hasKeyImages}}
        </section>
        <section class="card" aria-labelledby="reading-h" id="reading">
          <h2 id="reading-h">Reading</h2>
          {{#lease}}
          <p>You hold this study for its <strong>{{reading}}</strong> until <time datetime="{{expiresISO}}">{{expiresAt}}</time>
             (<span class="countdown" data-expires="{{expiresISO}}" data-seconds="{{secondsLeft}}" aria-live="off">{{secondsLeft}} s left</span>).</p>
          <form method="post" action="/studies/{{id}}/reading" id="reading-form">
            <input type="hidden" name="csrf_token" value="{{csrfToken}}">
            <input type="hidden" name="lease_token" value="{{token}}">
            <fieldset><legend>CT category</legend>
            {{#categories}}<label class="choice"><input type="radio" name="category" value="{{value}}" required> {{label}}</label>{{/categories}}
            </fieldset>
            <label for="findings">Findings</label>
            <textarea id="findings" name="findings" rows="5" maxlength="10000">{{findings}}</textarea>
            <button type="submit" class="primary" id="sign">Sign reading</button>
          </form>
          <div class="lease-actions">
          <form method="post" action="/studies/{{id}}/renew"><input type="hidden" name="csrf_token" value="{{csrfToken}}"><input type="hidden" name="lease_token" value="{{token}}"><button type="submit">Extend hold</button></form>
          <form method="post" action="/studies/{{id}}/release"><input type="hidden" name="csrf_token" value="{{csrfToken}}"><input type="hidden" name="lease_token" value="{{token}}"><button type="submit" id="release">Release to queue</button></form>
          </div>
          {{/lease}}
          {{^lease}}{{#isRadiologist}}<p>You are not holding this study. Use <a href="/worklist">Read next</a> on the worklist to claim the most urgent one.</p>{{/isRadiologist}}{{/lease}}
          {{#readingsHidden}}<p class="notice" id="blind-notice">{{hiddenReadings}} earlier reading(s) stay hidden until you sign yours (blind reading).</p>{{/readingsHidden}}
          {{#hasReadings}}
          <table id="readings"><caption>Signed readings</caption>
            <thead><tr><th scope="col">Reading</th><th scope="col">Radiologist</th><th scope="col">Category</th><th scope="col">Findings</th><th scope="col">Signed</th></tr></thead>
            <tbody>{{#readings}}<tr><td>{{number}}</td><td>{{radiologist}}</td><td>{{category}}</td><td>{{findings}}</td><td>{{signedAt}}</td></tr>{{/readings}}</tbody>
          </table>
          {{/hasReadings}}
        </section>
        <section class="card" aria-labelledby="estimate-h">
          <h2 id="estimate-h">Estimate</h2>
          <p>Category <strong id="estimate-category">{{category}}</strong>, involvement <strong>{{involvement}}</strong>, lesions {{lesionMl}}.</p>
          <table class="figures"><caption>Per-lung figures</caption>
            <thead><tr><th scope="col"></th><th scope="col">Lung volume</th><th scope="col">Involvement</th></tr></thead>
            <tbody>{{#figures}}<tr><th scope="row">{{label}}</th><td class="num">{{lung}}</td><td class="num">{{involvement}}</td></tr>{{/figures}}</tbody>
          </table>
          <h3>Quality flags</h3>
          <p>{{#flags}}<span class="flag">{{.}}</span> {{/flags}}{{^hasFlags}}none{{/hasFlags}}</p>
        </section>
        <section class="card" aria-labelledby="route-h">
          <h2 id="route-h">Route</h2>
          {{#routeHidden}}<p>The current route follows an earlier reading and stays hidden until you sign (blind reading).</p>{{/routeHidden}}
          {{#decision}}<p class="decision" id="route-decision">{{decision}}</p>{{/decision}}
          <p>Severity {{severity}} · category from {{categorySource}}</p>
          {{#hasTrace}}<details><summary>Rule trace</summary><ol class="trace">{{#trace}}<li>{{.}}</li>{{/trace}}</ol></details>{{/hasTrace}}
        </section>
        <section class="card" aria-labelledby="vitals-h">
          <h2 id="vitals-h">Vitals</h2>
          {{#hasVitals}}
          <table><caption class="visually-hidden">Vitals entered, newest first</caption>
            <thead><tr><th scope="col">Entered</th><th scope="col">By</th><th scope="col">Temp.</th><th scope="col">Resp. rate</th><th scope="col">SpO₂</th><th scope="col">PaO₂/FiO₂</th><th scope="col">Conditions</th></tr></thead>
            <tbody>{{#vitals}}<tr><td>{{at}}</td><td>{{by}}</td><td>{{temperature}}</td><td>{{respiratoryRate}}</td><td>{{spo2}}</td><td>{{pf}}</td><td>{{conditions}}</td></tr>{{/vitals}}</tbody>
          </table>
          {{/hasVitals}}{{^hasVitals}}<p>No vitals entered.</p>{{/hasVitals}}
        </section>
        <section class="card" aria-labelledby="earlier-h">
          <h2 id="earlier-h">Earlier studies of this patient</h2>
          {{#hasEarlier}}
          <ul>{{#earlier}}<li><a href="/studies/{{id}}">{{receivedAt}}</a>: {{category}}, involvement {{involvement}}</li>{{/earlier}}</ul>
          {{{trendChart}}}
          {{/hasEarlier}}{{^hasEarlier}}<p>None.</p>{{/hasEarlier}}
        </section>
        </div>
        """
}
