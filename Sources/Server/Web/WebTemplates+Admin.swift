extension WebTemplates {
    static let admin = """
        <div class="page-head"><h1>Dashboard</h1></div>
        {{#error}}<p class="alert" role="alert" id="form-error">{{error}}</p>{{/error}}
        {{#notice}}<p class="notice" role="status" id="notice">{{notice}}</p>{{/notice}}
        {{#newToken}}<p class="notice" role="status">API token for the new user, shown only now: <code id="new-token">{{newToken}}</code></p>{{/newToken}}
        <section aria-labelledby="now-h">
          <h2 id="now-h">Now</h2>
          <dl class="figures-grid">
          {{#figures}}<div class="figure{{#warn}} warn{{/warn}}" id="figure-{{id}}"><dt>{{label}}</dt><dd>{{value}}</dd></div>{{/figures}}
          <div class="figure" id="figure-oldest"><dt>Oldest waiting study</dt><dd>{{#oldestWaiting}}<a href="{{oldestLink}}">{{oldestWaiting}}</a>{{/oldestWaiting}}{{^oldestWaiting}}none{{/oldestWaiting}}</dd></div>
          </dl>
        </section>
        <section aria-labelledby="turnaround-h">
          <h2 id="turnaround-h">Turnaround</h2>
          <div class="charts">
            <figure class="card" id="chart-daily">{{{dailyChart}}}</figure>
            <figure class="card" id="chart-clinics">{{{clinicChart}}}</figure>
            <figure class="card" id="chart-sla">{{{slaChart}}}</figure>
          </div>
          <p>Export: {{#csvLinks}}<a href="{{value}}" download>{{label}}</a> {{/csvLinks}}</p>
        </section>
        <div class="study-grid">
        <section class="card" aria-labelledby="users-h">
          <h2 id="users-h">Users</h2>
          <table id="users"><thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Clinic</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>{{#users}}<tr><td>{{name}}{{#disabled}} <small>(disabled)</small>{{/disabled}}</td><td>{{role}}</td><td>{{clinic}}</td><td>{{^disabled}}<form method="post" action="/admin/users/{{name}}/disable"><input type="hidden" name="csrf_token" value="{{csrfToken}}"><button type="submit" aria-label="Disable {{name}}">Disable</button></form>{{/disabled}}</td></tr>{{/users}}</tbody></table>
          <h3>Add a user</h3>
          <form method="post" action="/admin/users" id="user-form">
            <input type="hidden" name="csrf_token" value="{{csrfToken}}">
            <label for="user-name">User name</label><input id="user-name" name="name" required autocomplete="off">
            <label for="user-role">Role</label>
            <select id="user-role" name="role">{{#roleOptions}}<option value="{{value}}">{{label}}</option>{{/roleOptions}}</select>
            <label for="user-clinic">Clinic <small>(clinic staff only)</small></label>
            <select id="user-clinic" name="clinic"><option value="">—</option>{{#clinicOptions}}<option value="{{value}}">{{label}}</option>{{/clinicOptions}}</select>
            <label for="user-password">Password <small>(8–72 characters)</small></label><input id="user-password" name="password" type="password" autocomplete="new-password">
            <button type="submit">Add user</button>
          </form>
        </section>
        <section class="card" aria-labelledby="clinics-h">
          <h2 id="clinics-h">Clinics</h2>
          <table id="clinics"><thead><tr><th scope="col">Code</th><th scope="col">Name</th></tr></thead>
          <tbody>{{#clinics}}<tr><td>{{code}}</td><td>{{name}}</td></tr>{{/clinics}}</tbody></table>
          <h3>Add a clinic</h3>
          <form method="post" action="/admin/clinics" id="clinic-form">
            <input type="hidden" name="csrf_token" value="{{csrfToken}}">
            <label for="clinic-code">Code</label><input id="clinic-code" name="code" required autocomplete="off">
            <label for="clinic-name">Name</label><input id="clinic-name" name="name" required autocomplete="off">
            <button type="submit">Add clinic</button>
          </form>
        </section>
        </div>
        """
}
