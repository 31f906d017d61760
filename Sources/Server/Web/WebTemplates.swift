/// The page templates (Mustache; `{{x}}` escapes HTML, `{{{x}}}` is for markup we generated ourselves, such as
/// the SVG charts and the rendered page body). Kept in Swift so the binary needs no resource files.
enum WebTemplates {
    static var all: [String: String] {
        [
            "layout": layout, "login": login, "worklist": worklist, "worklist-rows": worklistRows, "study": study,
            "clinic": clinic, "vitals": vitals, "admin": admin, "message": message,
        ]
    }

    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · CTriage</title>
        <link rel="stylesheet" href="/static/app.css">
        <script src="/static/app.js" defer></script>
        </head>
        <body{{#liveUpdates}} data-live="/events"{{/liveUpdates}}>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <span class="brand">CTriage</span>
          {{#user}}
          <nav aria-label="Main">
            {{#isRadiologist}}<a href="/worklist">Worklist</a>{{/isRadiologist}}
            {{#isClinicStaff}}<a href="/clinic">Today's studies</a>{{/isClinicStaff}}
            {{#isAdmin}}<a href="/admin">Dashboard</a><a href="/worklist">Worklist</a><a href="/clinic">Studies today</a>{{/isAdmin}}
          </nav>
          <form class="logout" method="post" action="/logout">
            <input type="hidden" name="csrf_token" value="{{csrfToken}}">
            <span class="who">{{user}} <small>({{role}})</small></span>
            <button type="submit">Sign out</button>
          </form>
          {{/user}}
        </header>
        <main id="main" class="{{#wide}}wide{{/wide}}" tabindex="-1">
        {{{body}}}
        </main>
        </body>
        </html>
        """

    static let message = """
        <section class="card"><h1>{{message}}</h1><p><a href="/">Back to your page</a></p></section>
        """

    static let login = """
        <section class="login card">
          <h1>Sign in</h1>
          {{#error}}<p class="alert" role="alert" id="login-error">{{error}}</p>{{/error}}
          <form method="post" action="/login">
            <input type="hidden" name="login_token" value="{{loginToken}}">
            <label for="name">User name</label>
            <input id="name" name="name" autocomplete="username" required autofocus value="{{name}}">
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit" class="primary">Sign in</button>
          </form>
        </section>
        """
}
