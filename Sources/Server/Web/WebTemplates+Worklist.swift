extension WebTemplates {
    static let worklist = """
        <div class="page-head">
          <h1>Worklist <small>(<span id="queue-count">{{count}}</span> open)</small></h1>
          {{#canClaim}}
          <form method="post" action="/worklist/read-next">
            <input type="hidden" name="csrf_token" value="{{csrfToken}}">
            <button type="submit" class="primary" id="read-next">Read next</button>
          </form>
          {{/canClaim}}
        </div>
        {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
        <p class="live-status" id="live-status" aria-live="polite"></p>
        <div class="table-wrap">
        <table class="worklist" id="worklist">
          <caption class="visually-hidden">Open studies in reading order: tier, then due time, then arrival</caption>
          <thead><tr>
            <th scope="col">Tier</th><th scope="col">Study</th><th scope="col">Clinic</th><th scope="col">Category</th>
            <th scope="col">Involvement</th><th scope="col">Flags</th><th scope="col">Due</th><th scope="col">Reading</th>
          </tr></thead>
          <tbody id="worklist-rows">
          {{> worklist-rows}}
          </tbody>
        </table>
        </div>
        """

    static let worklistRows = """
        {{#rows}}
        <tr class="{{tierClass}}{{#overdue}} overdue{{/overdue}}{{#claimed}} claimed{{/claimed}}" data-study="{{id}}">
          <td><span class="badge {{tierClass}}">{{tier}}</span>{{#emergency}} <span class="emergency-mark">emergency</span>{{/emergency}}</td>
          <td><a href="/studies/{{id}}">{{shortID}}</a></td>
          <td>{{clinic}}</td>
          <td>{{category}} <small>({{categorySource}})</small></td>
          <td class="num">{{involvement}}</td>
          <td>{{#flags}}<span class="flag">{{.}}</span> {{/flags}}{{^hasFlags}}—{{/hasFlags}}</td>
          <td><time datetime="{{dueISO}}">{{dueAt}}</time><br><small class="{{#overdue}}late{{/overdue}}">{{dueRelative}}</small></td>
          <td>{{#needsSecondReading}}<span class="second">needs {{reading}}</span>{{/needsSecondReading}}{{^needsSecondReading}}{{reading}}{{/needsSecondReading}}{{#claimed}}<br><small>being read</small>{{/claimed}}</td>
        </tr>
        {{/rows}}
        {{#empty}}<tr><td colspan="8" class="empty">Nothing is waiting to be read.</td></tr>{{/empty}}
        """
}
