#include "http/landing_page.hpp"

namespace heed::http {

const std::string& LandingPage() {
    static const std::string kPage = R"html(<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Heed 投诉处理平台</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;color:#222}
code{background:#f3f3f3;padding:.1rem .3rem}li{margin:.3rem 0}</style></head>
<body><h1>Heed</h1>
<p>Complaint handling and customer satisfaction · 投诉处理与客户满意度平台</p>
<ul>
<li><code>/api/v1/complaints?limit=20</code> — newest complaints (JSON) · 最新投诉</li>
<li><code>/api/v1/complaints?status=new,triaged,assigned,in_progress,reopened&amp;sort=due_asc</code> — open queue, soonest due · 待处理队列</li>
<li><code>/api/v1/complaints?q=物流</code> · <code>?q=refund</code> — full-text search, Chinese and English</li>
<li><a href="/api/openapi.json">/api/openapi.json</a> — the OpenAPI 3 description of every endpoint</li>
<li><a href="/healthz">/healthz</a> · <a href="/readyz">/readyz</a> · <a href="/metrics">/metrics</a></li>
</ul>
<p>Every <code>/api/v1</code> call needs an API token: <code>heed token create --db heed.db --role agent --name you</code>
(<code>make run</code> keeps one in <code>heed.db.token</code>). File a complaint:
<code>curl -X POST -H "Authorization: Bearer $HEED_TOKEN" -H 'Content-Type: application/json' -d '{"customer":{"name":"张伟","phone":"13812341234"},"subject":"快递延误","description":"下单一周物流没有更新"}' http://HOST/api/v1/complaints</code></p>
</body></html>
)html";
    return kPage;
}

}  // namespace heed::http
